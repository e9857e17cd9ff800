"""The 28 services of SERVICES.md, declared as data. Ids are stable; titles follow the guide."""

from __future__ import annotations

from kiosk.services import rules  # noqa: F401  (registers every rule name the specs use)
from kiosk.services.registry import (DETAILS, ELIGIBILITY, FIELD_RULES, OPTIONS, PREFILL, PREVIEW,
                                     STEP_CHECKS, SUBMIT)
from kiosk.services.spec import Condition, FieldSpec, Option, ServiceSpec, StepSpec

ID_CARD_ONLY = ("id_card_face",)

_FLEX_CHANGE = ServiceSpec(
    id="flex_contribution_change", number=1, title="灵活就业人员办理缴费套餐或档次变更",
    category="social_insurance", audience="园区灵活就业正常参保缴费人员",
    eligibility="flexible_normal", preview="flex_change", submit="flex_contribution_change",
    submit_label="校验并保存", outputs=("receipt",), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "灵活就业缴费套餐和档次变更在首次扣款日（一般为每月 18 日）前操作成功的，当月生效；"
            "首次扣款日（一般为每月 18 日）当日及以后操作成功的，次月生效。\n"
            "变更套餐：先选择新的套餐，再选择缴费档次。变更档次：直接选择新的缴费档次。")),
        StepSpec(key="current", kind="details", title="核对当前缴费", details="flex_current"),
        StepSpec(key="change", kind="form", title="选择变更类型", fields=(
            FieldSpec(key="change_type", kind="choice", label="变更类型", options=(
                Option(value="package", label="缴费套餐变更"), Option(value="grade", label="缴费档次变更"))),
        )),
        StepSpec(key="package_step", kind="form", title="选择新套餐",
                 when=Condition(field="change_type", values=("package",)), fields=(
            FieldSpec(key="package", kind="choice", label="新套餐", options_from="flex_packages"),
        )),
        StepSpec(key="grade_step", kind="form", title="选择缴费档次", fields=(
            FieldSpec(key="grade", kind="choice", label="缴费档次", options_from="flex_grades"),
        )),
        StepSpec(key="review", kind="review", title="核实缴费金额"),
    ),
)

_CERTIFICATE = ServiceSpec(
    id="insurance_certificate", number=3, title="参保人员参保证明和参保明细出具",
    category="social_insurance", audience="园区社会保险和公积金参保人员以及机关事业单位参保人员",
    eligibility="sip_insured", submit="insurance_certificate", submit_label="打印",
    outputs=("report",), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "所需材料：参保人员本人携身份证原件或市民卡。\n"
            "机关事业单位人员只能打印医疗、工伤、生育和住房公积金的参保证明和参保明细。\n"
            "报表将由本机 A4 打印机打印，请在出纸口取走。")),
        StepSpec(key="insured", kind="details", title="核对参保信息", details="person_insurances"),
        StepSpec(key="doc", kind="form", title="选择报表", fields=(
            FieldSpec(key="document", kind="choice", label="报表类型", options=(
                Option(value="certificate", label="参保证明"), Option(value="details", label="参保明细"))),
        )),
        StepSpec(key="kinds", kind="form", title="选择险种", checks=("certificate_kinds_allowed",), fields=(
            FieldSpec(key="insurances", kind="multichoice", label="险种", options_from="certificate_insurances",
                      help="可选择多个险种"),
        )),
        StepSpec(key="period_step", kind="form", title="选择明细期间",
                 when=Condition(field="document", values=("details",)), fields=(
            FieldSpec(key="period", kind="choice", label="明细期间", options=(
                Option(value="12", label="最近 12 个月"), Option(value="24", label="最近 24 个月"),
                Option(value="36", label="最近 36 个月"), Option(value="all", label="全部缴费记录"))),
        )),
        StepSpec(key="review", kind="review", title="确认打印"),
    ),
)

_REMOTE_REGISTER = ServiceSpec(
    id="remote_medical_register", number=4, title="异地就医登记备案（个人申请）", category="medical",
    audience="异地安置退休人员、异地长期居住人员：长期居住在苏州大市范围内",
    eligibility="remote_medical_register", submit="remote_medical_register", submit_label="保存",
    outputs=("sms",), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "适用于异地安置退休人员和长期居住在苏州大市范围内（园区以外）的人员。\n"
            "登记后，在就医地开通异地就医联网结算的医疗机构发生的医疗费用，可使用社会保障·市民卡实时划卡结算。\n"
            "办理结果将以短信通知您。")),
        StepSpec(key="basic", kind="details", title="核对个人信息", details="person_basic"),
        StepSpec(key="reason_step", kind="form", title="选择登记类型", fields=(
            FieldSpec(key="reason", kind="choice", label="登记类型", options_from="remote_medical_reasons"),
        )),
        StepSpec(key="place_step", kind="form", title="选择就医地", fields=(
            FieldSpec(key="place", kind="choice", label="就医地", options_from="suzhou_places",
                      help="苏州大市范围内（园区以外）"),
        )),
        StepSpec(key="address_step", kind="form", title="填写居住地址", fields=(
            FieldSpec(key="address", kind="text", label="居住地址", max_length=60, rules=("full_address",),
                      help="请写到门牌号，例如：姑苏区人民路 100 号 3 幢 201 室"),
        )),
        StepSpec(key="contact_step", kind="form", title="填写联系电话", fields=(
            FieldSpec(key="contact_mobile", kind="mobile", label="联系手机", prefill="person_mobile",
                      help="办理结果将发送到这个手机号码"),
        )),
        StepSpec(key="start_step", kind="form", title="选择异地就医开始日期", fields=(
            FieldSpec(key="start_date", kind="date", label="开始日期", prefill="today",
                      rules=("remote_start_window",), help="最早为今天"),
        )),
        StepSpec(key="end_step", kind="form", title="选择异地就医结束日期", checks=("remote_dates",), fields=(
            FieldSpec(key="end_date", kind="date", label="结束日期", help="应晚于开始日期"),
        )),
        StepSpec(key="review", kind="review", title="确认登记信息"),
    ),
)


def _planned(id: str, number: int, title: str, category: str, audience: str, outputs: tuple,
             completion: str = "instant", working_days: int | None = None,
             login_methods: tuple = ("id_card_face", "citizen_card_password")) -> ServiceSpec:
    """A service named in the catalogue but not yet built (not shown on the home screen)."""
    return ServiceSpec(id=id, number=number, title=title, category=category, audience=audience,
                       outputs=outputs, completion=completion, working_days=working_days,
                       login_methods=login_methods)


SERVICES: tuple[ServiceSpec, ...] = (
    _FLEX_CHANGE,
    _planned("flex_suspend", 2, "灵活就业人员中断参保", "social_insurance", "园区灵活就业正常参保缴费人员", ("receipt",)),
    _CERTIFICATE,
    _REMOTE_REGISTER,
    _planned("remote_medical_cancel", 5, "异地就医登记撤销", "medical", "已办理过异地就医登记备案的人员", ("sms",)),
    _planned("resident_medical_withdrawal", 6, "居民医保一次性提取", "medical",
             "已办理企业职工退休审批或已办理转出的居民医保参保人员", ("receipt",)),
    _planned("unemployment_refund", 7, "失业金退支申请", "unemployment",
             "领取失业金月份同时存在单位缴纳社保或劳动合同记录的人员", ("report",)),
    _planned("unemployment_transfer_letter", 8, "失业保险关系接收函开具", "unemployment",
             "最后参保地为园区且符合在园区领取失业金条件的人员", ("report",)),
    _planned("hf_loan_query", 9, "住房公积金贷款信息查询", "loan", "园区住房公积金贷款主借款人", ()),
    _planned("hf_remote_loan_certificate", 10, "异地贷款资格证明开具", "loan",
             "甲乙类或机关住房公积金缴存职工", ("report",)),
    _planned("commercial_amortization_stop", 11, "商贷主动摊还计划终止", "loan", "已办理商贷主动摊还计划的职工", ("receipt",)),
    _planned("commercial_biannual_stop", 12, "商贷还贷一年两次提取计划终止", "loan",
             "已办理商贷还贷一年两次提取计划的职工", ("receipt",)),
    _planned("hf_interest_subsidy", 13, "中低收入家庭住房公积金贷款贴息", "loan",
             "购买政府补贴类住房并使用园区公积金贷款的中低收入家庭", ("report",)),
    _planned("retirement_hf_withdrawal", 14, "园区离退休一次性提取住房账户", "housing_fund",
             "已办理园区机关退休或社保公积金退休审批的人员", ("report",)),
    _planned("gov_biannual_withdrawal", 15, "机关住房还贷一年两次提取支出", "institution",
             "机关公积金缴存职工，园区公积金贷款主借款人", ("report",)),
    _planned("paper_statement_optout", 16, "个人纸质权益单退订（及恢复订阅）", "social_insurance",
             "社保公积金参保人员及机关事业单位参保人员", ("receipt",)),
    _planned("hf_transfer_in", 17, "大市外住房公积金转入申请", "housing_fund",
             "园区公积金账户稳定缴存 6 个月以上的人员", (), "pending", 3),
    _planned("si_transfer_voucher_reprint", 18, "社保关系转出凭证补打印", "social_insurance",
             "已申请社保关系转出凭证的人员", ("report",)),
    _planned("hf_transfer_out_local", 19, "住房公积金转出至大市内", "housing_fund", "园区住房公积金账户人员",
             (), "pending", 5),
    _planned("sealed_hf_withdrawal", 20, "封存住房公积金提取", "housing_fund",
             "公积金账户封存满半年且未在本市就业等人员", (), "pending", 5),
    _planned("temp_account_upgrade", 21, "临时缴费账户维护", "social_insurance",
             "户籍迁入园区的临时缴费账户人员", (), "pending", 3),
    _planned("gov_sms_alerts", 22, "机关参保人员短信动账提醒", "institution", "缴纳园区医保的机关事业单位人员", ("sms",)),
    _planned("gov_medical_transfer_out", 23, "机关医疗保险转出", "institution", "缴纳园区医保的机关事业单位人员",
             ("report",)),
    _planned("gov_hf_transfer_in", 24, "机关住房公积金转入（大市外）", "institution",
             "缴纳园区公积金的机关事业单位人员", (), "pending", 11),
    _planned("gov_hf_transfer_out", 25, "机关住房公积金转出（至大市内）", "institution",
             "缴纳园区公积金的机关事业单位人员", (), "pending", 5),
    _planned("gov_sealed_hf_withdrawal", 26, "机关住房公积金封存提取（出市区工作提取）", "institution",
             "缴纳园区公积金的机关事业单位人员", (), "pending", 5),
    _planned("mobile_medical_app", 27, "园区掌上医保 APP 申请（脱卡支付）", "medical",
             "社保公积金参保人员及机关事业单位参保人员", ("sms",)),
    _planned("password_reset", 28, "社保查询密码重置", "social_insurance", "忘记社保和公积金查询密码的参保人员",
             ("receipt",), login_methods=ID_CARD_ONLY),
)

BY_ID: dict[str, ServiceSpec] = {s.id: s for s in SERVICES}


def get(service_id: str) -> ServiceSpec:
    try:
        return BY_ID[service_id]
    except KeyError:
        raise LookupError(f"未知业务编号 {service_id!r}") from None


def built() -> list[ServiceSpec]:
    return [s for s in SERVICES if s.built]


def check_catalogue() -> None:
    """Resolves every name every spec uses; raises LookupError on the first typo (run at start-up)."""
    if len(BY_ID) != len(SERVICES):
        raise LookupError("duplicate service id in the catalogue")
    for spec in SERVICES:
        if spec.eligibility:
            ELIGIBILITY.resolve(spec.eligibility)
        if spec.preview:
            PREVIEW.resolve(spec.preview)
        if spec.built:
            SUBMIT.resolve(spec.submit or "")
            if not spec.steps or spec.steps[-1].kind != "review":
                raise LookupError(f"{spec.id}: a built service ends with a review step")
        keys: set[str] = set()
        for step in spec.steps:
            if step.details:
                DETAILS.resolve(step.details)
            for name in step.checks:
                STEP_CHECKS.resolve(name)
            for f in step.fields:
                if f.key in keys:
                    raise LookupError(f"{spec.id}: field {f.key!r} declared twice")
                keys.add(f.key)
                if f.options_from:
                    OPTIONS.resolve(f.options_from)
                if f.prefill:
                    PREFILL.resolve(f.prefill)
                for rule in f.rules:
                    FIELD_RULES.resolve(rule)
                if f.kind in ("choice", "multichoice") and not (f.options or f.options_from):
                    raise LookupError(f"{spec.id}: choice field {f.key!r} has no options")
            for cond in [step.when, *(f.when for f in step.fields)]:
                if cond and cond.field not in keys:
                    raise LookupError(f"{spec.id}: condition on {cond.field!r} before it is asked")


check_catalogue()
