"""住房公积金 services (rows 14, 17, 19, 20); the rules are in kiosk/services/rules/housing_fund.py."""

from __future__ import annotations

from kiosk.services.spec import FieldSpec, ServiceSpec, StepSpec

_MOBILE = FieldSpec(key="mobile", kind="mobile", label="手机号码", prefill="person_mobile",
                    help="审核未通过时，中心通过短信或电话联系您，请保持手机畅通")

# The guide: 系统自动审核是否符合提取条件；参保人员确认递交申请，系统自动打印报表；即时办结.
_RETIREMENT = ServiceSpec(
    id="retirement_hf_withdrawal", number=14, title="园区离退休一次性提取住房账户", category="housing_fund",
    needs=("housing_fund",),
    tile_label="园区离退休一次性提取",
    confirm="离退休一次性提取只能办理一次，提取的款项汇入您的市民卡苏州银行账户后不能撤回",
    confirm_label="确认提取",
    audience="已办理园区机关退休、社保（公积金）退休审批的人员", eligibility="retirement_hf_withdrawal",
    preview="retirement_hf_withdrawal", submit="retirement_hf_withdrawal", submit_label="确认提取",
    outputs=("report",), built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "适用于已办理园区机关退休、社保（公积金）退休审批的人员（存在有效的机关养老、社保（公积金）"
            "退休审批记录，或养老金发放计划，或养老金发放记录）。\n"
            "系统自动审核是否符合提取条件。社保（公积金）退休人员的提取金额为账户余额留足应缴养老保险费后的余额。\n"
            "确认递交申请后即时办结，系统自动打印报表。")),
        StepSpec(key="check", kind="details", title="系统审核结果", details="retirement_check"),
        StepSpec(key="review", kind="review", title="确认递交申请"),
    ),
)

_TRANSFER_IN = ServiceSpec(
    id="hf_transfer_in", number=17, title="大市外住房公积金转入申请", category="housing_fund",
    needs=("hf_applications", "housing_fund"),
    tile_label="大市外住房公积金转入申请",
    confirm="审核通过后，中心将与转出地住房公积金中心联系，把您原账户的住房公积金转入园区",
    confirm_label="确认转入",
    audience="在园区设立住房公积金账户并稳定缴存满 6 个月的员工", eligibility="hf_transfer_in",
    preview="hf_transfer_in", submit="hf_transfer_in", submit_label="提交申请",
    completion="pending", working_days=3, built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "适用于在园区设立住房公积金账户并稳定缴存满 6 个月的员工，将苏州大市以外缴存的住房公积金转入园区。\n"
            "请务必正确填写“转出地住房公积金中心名称”“原个人住房公积金账号”“原工作单位名称”，以免影响转移进度；"
            "如有问题，请联系转出地住房公积金中心核实。\n"
            "中心在 3 个工作日内审核，审核通过后与转出地中心联系办理转移手续；审核未通过的，中心通过短信或电话联系您。")),
        StepSpec(key="account", kind="details", title="核对园区住房公积金账户", details="hf_resident_account"),
        StepSpec(key="mobile_step", kind="form", title="填写手机号码", fields=(_MOBILE,)),
        StepSpec(key="centre_step", kind="form", title="填写转出地住房公积金中心", fields=(
            FieldSpec(key="from_centre", kind="text", label="转出地住房公积金中心名称", max_length=40,
                      rules=("gov_outside_centre",), help="请填写全称，例如：南京住房公积金管理中心"),
        )),
        StepSpec(key="old_account_step", kind="form", title="填写原个人住房公积金账号", fields=(
            FieldSpec(key="old_account", kind="digits", label="原个人住房公积金账号", max_length=20,
                      rules=("gov_old_account",), help="转出地的个人住房公积金账号，6 至 20 位数字"),
        )),
        StepSpec(key="employer_step", kind="form", title="填写原工作单位名称", fields=(
            FieldSpec(key="old_employer", kind="text", label="原工作单位名称", max_length=60,
                      rules=("gov_old_employer",), help="请填写原单位全称"),
        )),
        StepSpec(key="declaration", kind="declaration", title="职工声明", agree_label="同意", text=(
            "本人申请将在转出地缴存的住房公积金转入苏州工业园区个人住房公积金账户，并声明：\n"
            "1. 所填写的转出地中心名称、原个人住房公积金账号和原工作单位名称真实、准确；\n"
            "2. 本人已在园区稳定缴存住房公积金满 6 个月；\n"
            "3. 同意中心向转出地住房公积金中心核实本人账户信息并办理转移接续；\n"
            "4. 如有不实，本人承担由此产生的一切责任。")),
        StepSpec(key="review", kind="review", title="确认提交申请"),
    ),
)

_TRANSFER_OUT = ServiceSpec(
    id="hf_transfer_out_local", number=19, title="住房公积金转出至大市内", category="housing_fund",
    needs=("hf_applications", "housing_fund", "si_accounts"),
    tile_label="住房公积金转出至大市内",
    confirm="审核通过后，园区住房公积金账户余额将全部转出至转入地住房公积金中心",
    confirm_label="确认转出",
    audience="在园区设立住房公积金账户的员工", eligibility="hf_transfer_out_local",
    preview="hf_transfer_out_local", submit="hf_transfer_out_local", submit_label="提交申请",
    completion="pending", working_days=5, built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "请务必先办理社会保险关系转出，开具参保缴费凭证。\n"
            "大市范围内包括姑苏区、高新区、吴中区、相城区、吴江区、昆山市、太仓市、常熟市、张家港市。\n"
            "中心在 5 个工作日内审核，审核通过后将住房公积金账户余额转出至转入地中心；审核未通过的，"
            "中心通过短信或电话联系您。")),
        StepSpec(key="destination", kind="details", title="核实转入地信息及开户信息", details="hf_local_destination"),
        StepSpec(key="person", kind="details", title="核实转入地个人参保信息", details="hf_transfer_person"),
        StepSpec(key="mobile_step", kind="form", title="填写手机号码", fields=(_MOBILE,)),
        StepSpec(key="review", kind="review", title="确认提交"),
    ),
)

_SEALED = ServiceSpec(
    id="sealed_hf_withdrawal", number=20, title="封存住房公积金提取", category="housing_fund",
    needs=("hf_applications", "housing_fund", "institution", "si_accounts"),
    tile_label="封存住房公积金账户提取",
    confirm="审核通过后，住房公积金账户余额将全部提取，汇至您选择的银行账户",
    confirm_label="确认提取",
    audience="公积金账户封存满半年且未在本市就业、未在园区外继续缴存，或已达到法定退休年龄的人员",
    eligibility="sealed_hf_withdrawal", preview="sealed_hf_withdrawal", submit="sealed_hf_withdrawal",
    submit_label="提交申请", completion="pending", working_days=5, built=True,
    steps=(
        StepSpec(key="notice", kind="notice", title="办理须知", text=(
            "适用于住房公积金账户已封存满半年、未在本市就业且未在园区外继续缴存住房公积金，"
            "或已达到法定退休年龄的人员。\n请务必先办理社会保险关系转出，开具参保缴费凭证。\n"
            "中心在 5 个工作日内审核，审核通过后将提取金额汇至社会保障·市民卡苏州银行账户（或绑定银行卡账户）；"
            "审核未通过的，中心通过短信或电话联系您。")),
        StepSpec(key="check", kind="details", title="核实基本信息、账户结存及资金发放信息", details="hf_sealed_check"),
        StepSpec(key="declaration", kind="declaration", title="职工声明", agree_label="同意", text=(
            "本人申请提取封存的住房公积金，并声明：\n"
            "1. 本人目前未在本市就业，且未在园区以外继续缴存住房公积金（已达到法定退休年龄的除外）；\n"
            "2. 所选择或填写的户籍地址真实、准确；\n"
            "3. 如有不实，本人愿退回提取款项并承担相应责任。")),
        StepSpec(key="hukou_step", kind="form", title="选择或核实户籍地址", fields=(
            FieldSpec(key="hukou_address", kind="text", label="户籍地址", max_length=80, prefill="hf_hukou_address",
                      rules=("hukou_address",), help="系统已填入登记的户籍地址，如有变化请修改"),
        )),
        StepSpec(key="method_step", kind="form", title="选择提取方式", fields=(
            FieldSpec(key="method", kind="choice", label="资金发放账户", options_from="hf_payout_methods"),
        )),
        StepSpec(key="review", kind="review", title="确认提交"),
    ),
)

SPECS: tuple[ServiceSpec, ...] = (_RETIREMENT, _TRANSFER_IN, _TRANSFER_OUT, _SEALED)
