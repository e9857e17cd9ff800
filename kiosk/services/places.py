"""Place lists the guide refers to."""

# 苏州大市 = these districts and county-level cities plus SIP (SERVICES.md). Remote medical
# registration is for living elsewhere within Suzhou city, so SIP itself is not a destination.
SUZHOU_CITY_OUTSIDE_SIP: tuple[tuple[str, str], ...] = (
    ("gusu", "姑苏区"),
    ("gaoxin", "高新区"),
    ("wuzhong", "吴中区"),
    ("xiangcheng", "相城区"),
    ("wujiang", "吴江区"),
    ("kunshan", "昆山市"),
    ("taicang", "太仓市"),
    ("changshu", "常熟市"),
    ("zhangjiagang", "张家港市"),
)
SIP_LABEL = "苏州工业园区"


def place_label(code: str) -> str:
    return dict(SUZHOU_CITY_OUTSIDE_SIP).get(code, code)
