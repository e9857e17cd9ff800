"""机关事业单位 services (rows 15, 22–26)."""

from __future__ import annotations

from kiosk.services.spec import Condition, FieldSpec, Option, ServiceSpec, StepSpec  # noqa: F401

# The guide: 系统自动审核是否符合提取条件；参保人员确认递交申请，系统自动打印报表.
_BIANNUAL = ServiceSpec(
    id="gov_biannual_withdrawal", number=15, title="机关住房还贷一年两次提取支出", category="institution",
    needs=("housing_fund", "institution"),
    tile_label="机关住房公积金还贷一年两次提取",
    confirm="本次将提取住房公积金账户全部余额，计为本年度两次提取中的一次，提取后不能撤回",
    confirm_label="确认提取",
    audience="机关住房公积金参保人员中已办理园区住房公积金贷款且未结清的主借款人（已办理该套房一年两次提取资格）",
    eligibility="gov_biannual_withdrawal", preview="gov_biannual_withdrawal", submit="gov_biannual_withdrawal",
    submit_label="确认提取", outputs=("report",), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "适用于机关住房公积金参保人员中已办理园区住房公积金贷款、且贷款未结清的主借款人，"
            "且主借款人已至中心办理妥该套房一年两次提取资格。\n"
            "在还贷期间每个自然年度，可自助提取两次本人公积金，提取款发放至本人社会保障·市民卡苏州银行账户。\n"
            "非园区住房公积金贷款主借款人、办理的苏州市住房公积金贷款或商业贷款，或者贷款信息校验、"
            "市民卡校验不通过的，请携带相关材料至中心柜面审核办理。")),
        StepSpec(key="loan", kind="details", title="核对贷款及提取资格", details="gov_biannual_loan"),
        StepSpec(key="payout", kind="details", title="核对发放银行信息", details="gov_payout_bank"),
        StepSpec(key="review", kind="review", title="确认递交申请"),
    ),
)

# The guide: 个人实名认证登录后开通及变更接受账户变化提醒短信的手机号码；即时办结.
_SMS_ALERTS = ServiceSpec(
    id="gov_sms_alerts", number=22, title="机关参保人员短信动账提醒", category="institution",
    needs=("institution",),
    tile_label="短信动账提醒开通",
    audience="缴纳园区医疗保险费用的机关事业单位参保人员", eligibility="gov_sms_alerts",
    preview="gov_sms_alerts", submit="gov_sms_alerts", submit_label="保存", outputs=("sms",), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "适用于缴纳园区医疗保险费用的机关事业单位参保人员。\n"
            "实名登录后，可开通短信动账提醒，或变更接收账户变化提醒短信的手机号码，即时生效。\n"
            "保存后将向新号码发送确认短信；变更号码的，原号码同时收到变更通知。")),
        StepSpec(key="current", kind="details", title="核对当前提醒设置", details="gov_sms_alert_current"),
        StepSpec(key="mobile_step", kind="form", title="填写接收提醒的手机号码", checks=("gov_alert_mobile_new",),
                 fields=(
            FieldSpec(key="alert_mobile", kind="mobile", label="接收提醒手机号码", prefill="person_mobile",
                      help="已填入您预留的手机号码，如需使用其他号码请修改"),
        )),
        StepSpec(key="review", kind="review", title="确认保存"),
    ),
)

# The guide: 个人实名认证登录后打印《基本医疗保障参保（合）凭证》; 办理时限 15 个工作日，办结时限 45 个工作日.
_MEDICAL_TRANSFER = ServiceSpec(
    id="gov_medical_transfer_out", number=23, title="机关医疗保险转出", category="institution",
    needs=("institution",),
    tile_label="机关医疗转出申请",
    confirm="转入地受理后，中心将划出医疗保险基金，终止您在园区的医疗保险关系",
    confirm_label="确认转出",
    audience="缴纳园区医疗保险费用的机关事业单位参保人员", eligibility="gov_medical_transfer_out",
    preview="gov_medical_transfer_out", submit="gov_medical_transfer_out", submit_label="打印",
    outputs=("report",), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "本机打印《基本医疗保障参保（合）凭证》，请持凭证向转入地经办机构提出医疗保险转移接续申请。\n"
            "转入地受理后 15 个工作日内生成联系函发至中心；中心收到联系函后 15 个工作日内生成信息表寄至转入地，"
            "同时划出基金、终止园区医疗关系；转入地收到信息表及基金后 15 个工作日内接续医疗个人账户。\n"
            "办理时限 15 个工作日，办结时限 45 个工作日（节假日顺延）。")),
        StepSpec(key="insured", kind="details", title="核对医疗保险参保信息", details="gov_medical_insured"),
        StepSpec(key="review", kind="review", title="确认打印凭证"),
    ),
)

# The guide: 中心…3 个工作日内生成联系函…上传至全国住房公积金异地转移接续平台；转出地 5 个工作日内
# 转出；中心 3 个工作日内审核入账；11 个工作日办结.
_TRANSFER_IN = ServiceSpec(
    id="gov_hf_transfer_in", number=24, title="机关住房公积金转入（大市外）", category="institution",
    needs=("housing_fund", "institution"),
    tile_label="大市外机关住房公积金转入",
    confirm="中心将为您生成异地转移接续联系函，转出地审核后把您原账户的住房公积金转入园区",
    confirm_label="确认转入",
    audience="缴纳园区住房公积金的机关事业单位参保人员", eligibility="gov_hf_transfer_in",
    preview="gov_hf_transfer_in", submit="gov_hf_transfer_in", submit_label="提交申请",
    completion="pending", working_days=11, built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "适用于缴纳园区住房公积金的机关事业单位参保人员，将苏州大市以外缴存的住房公积金转入园区。\n"
            "中心审核资料齐全无误后，3 个工作日内生成《住房公积金异地转移接续联系函》，上传至全国住房公积金"
            "异地转移接续平台；转出地 5 个工作日内上传账户信息表并划转资金；中心收到后 3 个工作日内审核入账。\n"
            "11 个工作日办结。不符合转出条件的，转出地将原因反馈至中心，由中心告知您。")),
        StepSpec(key="account", kind="details", title="核对园区住房公积金账户", details="gov_hf_account"),
        StepSpec(key="centre_step", kind="form", title="填写转出地中心", fields=(
            FieldSpec(key="from_centre", kind="text", label="转出地住房公积金中心", max_length=40,
                      rules=("gov_outside_centre",), help="请填写全称，例如：南京住房公积金管理中心"),
        )),
        StepSpec(key="old_account_step", kind="form", title="填写原住房公积金账号", fields=(
            FieldSpec(key="old_account", kind="digits", label="原住房公积金账号", max_length=20,
                      rules=("gov_old_account",), help="转出地的个人住房公积金账号，6 至 20 位数字"),
        )),
        StepSpec(key="employer_step", kind="form", title="填写原缴存单位", fields=(
            FieldSpec(key="old_employer", kind="text", label="原缴存单位", max_length=60,
                      rules=("gov_old_employer",), help="请填写原单位全称"),
        )),
        StepSpec(key="mobile_step", kind="form", title="填写联系手机", fields=(
            FieldSpec(key="mobile", kind="mobile", label="联系手机", prefill="person_mobile",
                      help="转入未成功时，中心通过此号码告知您"),
        )),
        StepSpec(key="review", kind="review", title="确认提交申请"),
    ),
)

# The guide: 系统自动生成该参保人员在大市内转入地参保相关信息；中心…将住房公积金余额汇至转入地账号；
# 5 个工作日办结.
_TRANSFER_OUT = ServiceSpec(
    id="gov_hf_transfer_out", number=25, title="机关住房公积金转出（至大市内）", category="institution",
    needs=("housing_fund", "institution"),
    tile_label="住房公积金转出至大市内",
    confirm="审核通过后，中心将把园区住房公积金余额全部汇至转入地账户",
    confirm_label="确认转出",
    audience="缴纳园区住房公积金的机关事业单位参保人员", eligibility="gov_hf_transfer_out",
    preview="gov_hf_transfer_out", submit="gov_hf_transfer_out", submit_label="提交申请",
    completion="pending", working_days=5, built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "适用于已在苏州大市范围内（姑苏区、高新区、吴中区、相城区、吴江区、昆山市、太仓市、常熟市、张家港市）"
            "新单位缴存住房公积金的机关事业单位参保人员。\n"
            "系统自动生成您在大市内转入地的缴存信息，请仔细核对。中心审核资料齐全无误后，"
            "将园区住房公积金余额汇至转入地账号，5 个工作日办结。")),
        StepSpec(key="destination", kind="details", title="核对转入地信息", details="gov_hf_destination"),
        StepSpec(key="review", kind="review", title="确认提交申请"),
    ),
)

# The guide: 参保人员核对系统中自动生成的发放银行相关信息；中心审核资料齐全无误后，将住房公积金余额汇至
# 参保人员相关银行账号；5 个工作日办结.
_SEALED = ServiceSpec(
    id="gov_sealed_hf_withdrawal", number=26, title="机关住房公积金封存提取（出市区工作提取）", category="institution",
    needs=("housing_fund", "institution"),
    tile_label="机关住房公积金封存提取",
    confirm="审核通过后，中心将把园区住房公积金余额全部汇至您的市民卡苏州银行账户",
    confirm_label="确认提取",
    audience="缴纳园区住房公积金的机关事业单位参保人员", eligibility="gov_sealed_hf_withdrawal",
    preview="gov_sealed_hf_withdrawal", submit="gov_sealed_hf_withdrawal", submit_label="提交申请",
    completion="pending", working_days=5, built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "缴存职工与单位解除或终止劳动关系的，先办理个人账户封存。\n"
            "账户封存期间，在异地开立住房公积金账户并稳定缴存半年以上的，应办理异地转移接续手续。\n"
            "外地户籍职工住房公积金个人账户封存满半年，未在苏州大市正常就业且未在异地继续缴存的，"
            "可以办理销户提取：中心审核无误后，将余额汇至您的社会保障·市民卡苏州银行账户，5 个工作日办结。")),
        StepSpec(key="account", kind="details", title="核对账户信息", details="gov_sealed_account"),
        StepSpec(key="payout", kind="details", title="核对发放银行信息", details="gov_payout_bank"),
        StepSpec(key="declaration", kind="declaration", title="阅读声明", agree_label="我已阅读并同意以上声明", text=(
            "本人申请办理住房公积金销户提取，并声明：\n"
            "1. 本人已与原单位解除或终止劳动关系，目前未在苏州大市范围内正常就业；\n"
            "2. 本人未在异地继续缴存住房公积金；\n"
            "3. 如有不实，本人愿退回提取款项并承担相应责任。")),
        StepSpec(key="review", kind="review", title="确认提交申请"),
    ),
)

SPECS: tuple[ServiceSpec, ...] = (
    _BIANNUAL,
    _SMS_ALERTS,
    _MEDICAL_TRANSFER,
    _TRANSFER_IN,
    _TRANSFER_OUT,
    _SEALED,
)
