"""The `kiosk` command: run the kiosk, manage its database, and QA tools (scenarios, screenshots)."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import NoReturn

import click

from kiosk.config import ConfigError, KioskConfig, load_config


def _config(config_file: str | None, demo: bool) -> KioskConfig:
    try:
        return load_config(config_file, demo=demo)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


def _devices(config: KioskConfig):  # noqa: ANN202 (kiosk.devices.bundle.Devices, imported lazily)
    """The configured devices; a device setting that cannot work (a missing key) is a clear error."""
    from kiosk.devices.bundle import build_devices

    try:
        return build_devices(config)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
def main() -> None:
    """苏州工业园区社保和公积金 24 小时自助服务终端."""


@main.command()
@click.option("--demo", is_flag=True, help="Supervised demo: simulated devices, demo personas, 演示模式 banner.")
@click.option("--windowed", is_flag=True, help="A normal window that can be closed (development).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="A TOML config file.")
def run(demo: bool, windowed: bool, config_file: str | None) -> None:
    """Start the kiosk (full screen unless --windowed)."""
    from kiosk.ui.app import run as run_app

    config = _config(config_file, demo)
    # Built here so a device setting that cannot work stops with its message, not a traceback.
    sys.exit(run_app(config, windowed=windowed, devices=_devices(config)))


@main.group()
def db() -> None:
    """Create the schema or load the demo personas."""


@db.command("init")
@click.option("--demo", is_flag=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
def db_init(demo: bool, config_file: str | None) -> None:
    """Create the schema and the document signing key (safe to run again)."""
    from kiosk.services.signing import SigningKeyError, ensure_key, public_key_file
    from kiosk.store.database import Store, StoreUnavailable

    config = _config(config_file, demo)
    try:
        Store(config.database.url).create_schema()
    except StoreUnavailable as exc:
        raise click.ClickException(f"{exc} ({exc.detail})") from None
    click.echo(f"schema ready: {config.database.url}")
    try:
        key, created = ensure_key(config)
    except SigningKeyError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"signing key {'created' if created else 'present'}: {key.resolve()} "
               f"(public key: {public_key_file(key).resolve()})")


@db.command("seed-demo")
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
def db_seed_demo(config_file: str | None) -> None:
    """Load the demo personas into the demo database."""
    from kiosk.store.database import Store
    from kiosk.store.seed import seed_demo

    config = _config(config_file, True)
    added = seed_demo(Store(config.database.url))
    click.echo(f"demo personas added: {added} ({config.database.url})")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def personas(as_json: bool) -> None:
    """The demo personas, their log-in credentials and the outcome each is built to reach."""
    from kiosk.store.seed import persona_listing

    listing = persona_listing()
    if as_json:
        click.echo(json.dumps(listing, ensure_ascii=False, indent=2))
        return
    for p in listing:
        click.echo(f"{p['key']:22} {p['name']}  {p['masked_id']}  {p['category_label']}  "
                   f"市民卡 {p['login']['citizen_card']} 密码 {p['login']['password']}")
        for sid, e in p["services"].items():
            click.echo(f"    {sid:28} {e['outcome']:15} {e['reason']}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def services(as_json: bool) -> None:
    """Every service of the catalogue: built or not, its steps and fields."""
    from kiosk.services.catalogue import SERVICES

    listing = [{
        "id": s.id, "number": s.number, "title": s.title, "category": s.category, "built": s.built,
        "login_methods": list(s.login_methods), "outputs": list(s.outputs), "completion": s.completion,
        "working_days": s.working_days,
        "steps": [{"key": st.key, "kind": st.kind, "title": st.title,
                   "fields": [{"key": f.key, "kind": f.kind, "label": f.label, "required": f.required,
                               "options": [o.value for o in f.options] or (f.options_from and f"<{f.options_from}>")}
                              for f in st.fields]} for st in s.steps],
    } for s in SERVICES]
    if as_json:
        click.echo(json.dumps(listing, ensure_ascii=False, indent=2))
        return
    for s in listing:
        click.echo(f"{s['number']:2} {s['id']:30} {'已开通' if s['built'] else '未开通'}  {s['title']}")


def _offscreen() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the results here (JSON).")
def scenario(file: Path, out: Path | None) -> None:
    """Run a scripted session through the real UI, headless.

    Exit code 0 when every run got through, 2 for a malformed file, 3 when a run met a control no
    finger can reach (its status is "unreachable", its reason says which control and why)."""
    _offscreen()
    from kiosk.ui.scenario import ScenarioError, load_scenario, run_scenario

    try:
        spec = load_scenario(file)
    except ScenarioError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    results = run_scenario(spec)
    text = json.dumps(results if spec.repeat > 1 else results[0], ensure_ascii=False, indent=2)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
    click.echo(text)
    unreachable = [r["reason"] for r in results if r["status"] == "unreachable"]
    if unreachable:
        click.echo(f"error: {unreachable[0]}", err=True)
        sys.exit(3)


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--profile", default="1920x1080", show_default=True,
              type=click.Choice(["1920x1080", "1080x1920", "1280x1024", "all"]),
              help="the screen profile to render, or all three")
@click.option("--service", "services", multiple=True, help="only these services' flows (default: all)")
def screenshots(out: Path, profile: str, services: tuple[str, ...]) -> None:
    """Render the whole kiosk to PNG per screen profile, with layout.json and index.html; exit 1 when
    any control is unreachable or any text is clipped."""
    _offscreen()
    from kiosk.config import SCREEN_PROFILES
    from kiosk.ui.screenshots import render_all

    profiles = list(SCREEN_PROFILES) if profile == "all" else [profile]
    failed = False
    for cat in render_all(out, profiles, list(services) or None):
        found = cat.problems()
        unreachable = sum(1 for _, item in found if item.problem.startswith("unreachable"))
        click.echo(f"{cat.profile}: {len(cat.shots)} screens in {cat.out} · {unreachable} unreachable controls · "
                   f"{len(found) - unreachable} clipped labels")
        for screen, item in found:
            click.echo(f"  {screen}: {item.problem} at {list(item.rect)}", err=True)
        failed = failed or bool(found)
    if failed:
        sys.exit(1)


@main.command()
@click.argument("serial_or_code")
@click.option("--demo", is_flag=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
def reprint(serial_or_code: str, demo: bool, config_file: str | None) -> None:
    """Print a business's documents again (staff): by its serial, or by the resident's 6-digit 补打码."""
    from kiosk.clock import SystemClock
    from kiosk.services.print_fallback import reprint_by_code
    from kiosk.services.print_run import print_jobs
    from kiosk.store.database import Store

    config = _config(config_file, demo)
    devices = _devices(config)
    store = Store(config.database.url)
    if re.fullmatch(r"\d{6}", serial_or_code):
        found = reprint_by_code(store, serial_or_code, devices.receipt_printer, devices.report_printer,
                                SystemClock(), config)
        if found is None:
            raise click.ClickException(f"补打码 {serial_or_code} 不存在，请核对后重试")
        serial, results = found
        if not results:
            raise click.ClickException(f"补打码 {serial_or_code}（业务流水号 {serial}）的凭证均已打印")
    else:
        results = print_jobs(store, serial_or_code, devices.receipt_printer, devices.report_printer,
                             SystemClock(), config, reprint=True)
        if not results:
            raise click.ClickException(f"没有业务流水号为 {serial_or_code} 的打印记录")
    for r in results:
        click.echo(f"{r.title}: {'已打印' if r.printed else '未打印：' + r.message}")


@main.command()
@click.option("--demo", is_flag=True, help="The demo configuration (simulated devices).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
def maintenance(demo: bool, config_file: str | None) -> None:
    """Open the maintenance screen (staff): device states, reprints, the SMS outbox."""
    from kiosk.ui.app import run_maintenance

    config = _config(config_file, demo)
    sys.exit(run_maintenance(config, _devices(config)))


@main.command("staff-pin")
def staff_pin() -> None:
    """Make the [maintenance] staff_pin_hash line for kiosk.toml (the PIN is asked twice, never shown)."""
    from kiosk.services.passwords import hash_password

    pin = click.prompt("维护密码（6 至 8 位数字）", hide_input=True, confirmation_prompt="再次输入")
    if not re.fullmatch(r"\d{6,8}", pin) or len(set(pin)) == 1:
        raise click.ClickException("维护密码须为 6 至 8 位数字，且不能全部相同")
    click.echo(f'staff_pin_hash = "{hash_password(pin)}"')


@main.group()
def faces() -> None:
    """Photos of record for the camera face check (staff)."""


@faces.command("enroll")
@click.argument("id_number")
@click.argument("photo", type=click.Path(path_type=Path))
@click.option("--demo", is_flag=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
def faces_enroll(id_number: str, photo: Path, demo: bool, config_file: str | None) -> None:
    """Enrol PHOTO (JPG/PNG, exactly one face) as the photo of record of ID_NUMBER."""
    from kiosk.clock import SystemClock
    from kiosk.services.face_enrolment import EnrolmentError, enroll
    from kiosk.store.database import Store

    config = _config(config_file, demo)
    try:
        reference = enroll(Store(config.database.url), config, id_number, photo, SystemClock())
    except EnrolmentError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"已登记照片：{config.paths.face_photos_dir / reference}")


@main.group()
def devices() -> None:
    """Check the terminal's devices (staff)."""


@devices.command("check")
@click.option("--demo", is_flag=True, help="Check the demo configuration (simulated devices).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
def devices_check(demo: bool, config_file: str | None, as_json: bool) -> None:
    """Probe every configured device once and print its state; exit 1 when any is faulty."""
    from dataclasses import asdict

    from kiosk.devices.bundle import device_kinds
    from kiosk.devices.health import check_devices

    config = _config(config_file, demo)
    found = check_devices(_devices(config), device_kinds(config))
    if as_json:
        click.echo(json.dumps([asdict(h) for h in found], ensure_ascii=False, indent=2))
    else:
        for h in found:
            mark = "正常" if h.ok else "故障"
            click.echo(f"[{mark}] {h.label}（{h.implementation}）：{h.message}  {h.millis:.0f} ms"
                       + (f"  {h.detail}" if h.detail else ""))
    if not all(h.ok for h in found):
        sys.exit(1)


_SERIAL = re.compile(r"^[A-Za-z]{1,6}\d{6,26}$")


@main.command()
@click.argument("what")
@click.option("--demo", is_flag=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
def verify(what: str, demo: bool, config_file: str | None) -> None:
    """Check an A4 document: a PDF file, the text of its QR code, or a business serial.

    Exit code 0 genuine, 1 not genuine, 2 bad input (or the check could not be made).
    """
    from kiosk.services import signing
    from kiosk.store.database import Store, StoreUnavailable

    def bad_input(message: str) -> NoReturn:
        click.echo(f"无法核验 (error): {message}", err=True)
        sys.exit(2)

    try:
        config = load_config(config_file, demo=demo)
    except ConfigError as exc:
        bad_input(str(exc))
    path = Path(what)
    text = what.strip()
    try:
        store = Store(config.database.url)
        if path.is_file():
            verdict = signing.check_pdf(store, signing.verifier_for(config), path)
        elif text.startswith(signing.SCHEME + signing.SEPARATOR):
            verdict = signing.check_qr_text(store, signing.verifier_for(config), text)
        elif _SERIAL.match(text):
            verdict = signing.check_serial(store, text)
        elif path.exists():
            bad_input(f"不是文件：{what}")
        elif path.suffix.lower() == ".pdf" or os.sep in what:
            bad_input(f"文件不存在：{what}")
        else:
            bad_input(f"无法识别：{what}（应为 PDF 文件、二维码内容或业务流水号）")
    except (signing.SigningKeyError, signing.ToolMissing) as exc:
        bad_input(str(exc))
    except StoreUnavailable as exc:
        bad_input(f"{exc} ({exc.detail})")
    except OSError as exc:
        bad_input(f"无法读取 {what}: {exc}")

    if verdict.genuine:
        click.echo("真实有效 (genuine)")
        for doc in verdict.documents:
            click.echo(f"文件名称：{doc.title}")
            click.echo(f"业务流水号：{doc.serial}")
            click.echo(f"证件号码：{doc.holder_id_masked}")
            click.echo(f"出具日期：{doc.issued_on:%Y-%m-%d}")
            click.echo(f"打印次数：{doc.printed}")
        click.echo(f"核验结果：{'；'.join(verdict.checks)}")
        return
    click.echo("不是真实文件 (not genuine)")
    click.echo(f"原因：{verdict.reason}")
    if verdict.claimed is not None:
        claimed = verdict.claimed
        click.echo(f"二维码所示：{claimed.title}，业务流水号 {claimed.serial}，证件号码 {claimed.holder_id_masked}，"
                   f"出具日期 {claimed.issued:%Y-%m-%d}（未经证实）")
    sys.exit(1)
