"""The `kiosk` command: run the kiosk, manage its database, and QA tools (scenarios, screenshots)."""

from __future__ import annotations

import gc
import json
import os
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

import click

from kiosk.config import ConfigError, KioskConfig, load_config


class InputError(click.ClickException):
    """Bad input on the command line or in a file it names: the message, exit code 2, no traceback."""

    exit_code = 2


def shown(text: str) -> str:
    """`text` safe to print: bytes that were not UTF-8 on the command line show as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _config(config_file: str | None, demo: bool) -> KioskConfig:
    try:
        return load_config(config_file, demo=demo)
    except ConfigError as exc:
        raise InputError(str(exc)) from None


def _store(config: KioskConfig):  # noqa: ANN202 (kiosk.store.database.Store, imported lazily)
    """The configured database; a URL that cannot work (unknown database or driver, a path that
    cannot be created) is a clear error with exit code 2."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    from kiosk.store.database import Store, StoreUnavailable

    url = config.database.url
    try:
        # The password of a server URL is not printed.
        named = make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        raise InputError("[database] url 无法识别（应为 sqlite:///路径 或 postgresql+psycopg://用户@主机/数据库）") from None
    try:
        make_url(url).get_dialect()  # an unknown database or driver, before the store names its own
        return Store(url)
    except NoSuchModuleError:
        raise InputError(f"[database] url {named}：数据库类型或驱动不存在") from None
    except ArgumentError as exc:
        raise InputError(f"[database] url {named} 无法使用：{exc}") from None
    except ImportError as exc:
        raise InputError(f"[database] url {named}：数据库驱动 {exc.name} 未安装") from None
    except StoreUnavailable as exc:
        raise InputError(f"数据库 {named} 无法创建或打开：{exc.detail}") from None


def _devices(config: KioskConfig):  # noqa: ANN202 (kiosk.devices.bundle.Devices, imported lazily)
    """The configured devices; a device setting that cannot work (a missing key) is a clear error."""
    from kiosk.devices.bundle import build_devices

    try:
        return build_devices(config)
    except ConfigError as exc:
        raise InputError(str(exc)) from None


@click.group()
def main() -> None:
    """苏州工业园区社保和公积金 24 小时自助服务终端."""
    # Everything the kiosk writes (database, log, spool PDFs, keys, photos) is the resident's
    # data: readable by the kiosk's own user only, whatever the service manager's umask.
    previous = os.umask(0o077)
    click.get_current_context().call_on_close(lambda: os.umask(previous))  # CliRunner shares its process


@main.command()
@click.option("--demo", is_flag=True, help="Supervised demo: simulated devices, demo personas, 演示模式 banner.")
@click.option("--windowed", is_flag=True, help="A normal window that can be closed (development).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="A TOML config file.")
def run(demo: bool, windowed: bool, config_file: str | None) -> None:
    """Start the kiosk (full screen unless --windowed)."""
    # The kiosk collects garbage on its GUI thread only (kiosk/ui/garbage.py): off from here, so the
    # start-up's imports before the first paint pay for no collections either (about 15 ms).
    gc.disable()
    from kiosk.ui.app import run as run_app

    config = _config(config_file, demo)
    # Built here so a device setting that cannot work stops with its message, not a traceback. The
    # database opens after the home screen's first paint; a URL that cannot work stops the kiosk there
    # with its message (exit code 2).
    sys.exit(run_app(config, windowed=windowed, devices=_devices(config), open_store=lambda: _store(config)))


@main.group()
def db() -> None:
    """Create the schema or load the demo personas."""


@db.command("init")
@click.option("--demo", is_flag=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
def db_init(demo: bool, config_file: str | None) -> None:
    """Create the schema and the document signing key (safe to run again)."""
    from kiosk.services.signing import SigningKeyError, ensure_key, public_key_file
    from kiosk.store.database import StoreUnavailable

    config = _config(config_file, demo)
    try:
        _store(config).create_schema()
    except StoreUnavailable as exc:
        raise InputError(f"{exc} ({exc.detail})") from None
    click.echo(f"schema ready: {config.database.url}")
    try:
        key, created = ensure_key(config)
    except SigningKeyError as exc:
        raise InputError(str(exc)) from None
    click.echo(f"signing key {'created' if created else 'present'}: {key.resolve()} "
               f"(public key: {public_key_file(key).resolve()})")


_TODAY = click.DateTime(formats=["%Y-%m-%d"])


def _day(today: datetime | None) -> date:
    """The day given (YYYY-MM-DD), else today in China Standard Time."""
    from kiosk.clock import SystemClock

    return today.date() if today else SystemClock().now().date()


@db.command("seed-demo")
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
@click.option("--today", type=_TODAY, help="Build the personas for this day (YYYY-MM-DD; default today).")
def db_seed_demo(config_file: str | None, today: datetime | None) -> None:
    """Load the demo personas, built for today, into the demo database (re-seeds them for a new day)."""
    from kiosk.demo.seed import seed_demo, seeded_for

    config = _config(config_file, True)
    store = _store(config)
    before = seeded_for(store)
    added = seed_demo(store, _day(today), config.subsidy)
    again = f", replacing those of {before}" if before and before != _day(today) else ""
    click.echo(f"demo personas for {_day(today)} added: {added}{again} ({config.database.url})")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--today", type=_TODAY, help="List the outcomes of this day (YYYY-MM-DD; default today).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Its [subsidy] window (default demo.toml).")
def personas(as_json: bool, today: datetime | None, config_file: str | None) -> None:
    """The demo personas, their log-in credentials and the outcome each is built to reach on that day."""
    from kiosk.demo.seed import persona_listing

    listing = persona_listing(_day(today), _config(config_file, True).subsidy)
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

    from kiosk.store.database import StoreUnavailable

    def fail(message: str) -> NoReturn:
        click.echo(f"error: {message}", err=True)
        sys.exit(2)

    try:
        spec = load_scenario(file)
    except ScenarioError as exc:
        fail(shown(str(exc)))
    try:
        results = run_scenario(spec)
    except StoreUnavailable as exc:
        fail(f"database {spec.database} cannot be used: {exc.detail}")
    text = json.dumps(results if spec.repeat > 1 else results[0], ensure_ascii=False, indent=2)
    click.echo(text)
    if out:
        try:
            out.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {shown(str(out))}: {exc.strerror or exc}")
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
@click.option("--language", default="zh", show_default=True, type=click.Choice(["zh", "en"]),
              help="the resident's language; en also fails on Chinese left untranslated")
@click.option("--mode", type=click.Choice(["standard", "elder"]), default="standard", show_default=True,
              help="elder: every screen in 长辈版 (big text, one question per screen)")
@click.option("--theme", "colours", type=click.Choice(["standard", "high_contrast"]), default="standard",
              show_default=True, help="high_contrast: every screen in the high-contrast colours")
def screenshots(out: Path, profile: str, services: tuple[str, ...], mode: str, colours: str,
                language: str) -> None:
    """Render the whole kiosk to PNG per screen profile, with layout.json and index.html; exit 1 when
    any control is unreachable, any text is clipped or (in English) any text left in Chinese."""
    _offscreen()
    from kiosk.config import SCREEN_PROFILES
    from kiosk.ui.screenshots import render_all

    profiles = list(SCREEN_PROFILES) if profile == "all" else [profile]
    failed = False
    for cat in render_all(out, profiles, list(services) or None, language=language, mode=mode, theme=colours):
        found = cat.problems()
        unreachable = sum(1 for _, item in found if item.problem.startswith("unreachable"))
        untranslated = sum(1 for _, item in found if item.problem.startswith("untranslated"))
        click.echo(f"{cat.profile}: {len(cat.shots)} screens in {cat.out} · {unreachable} unreachable controls · "
                   f"{len(found) - unreachable - untranslated} clipped labels"
                   + (f" · {untranslated} untranslated texts" if language != "zh" else ""))
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

    if not (re.fullmatch(r"[0-9]{6}", serial_or_code) or _SERIAL.fullmatch(serial_or_code)):
        raise InputError(f"无法识别：{shown(serial_or_code)}（应为业务流水号，如 YW2026031000100004，"
                         "或 6 位数字补打码）")
    config = _config(config_file, demo)
    devices = _devices(config)
    store = _store(config)
    if re.fullmatch(r"[0-9]{6}", serial_or_code):
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
    _store(config).close()
    sys.exit(run_maintenance(config, _devices(config)))


@main.command("staff-pin")
def staff_pin() -> None:
    """Make the [maintenance] staff_pin_hash line for kiosk.toml (the PIN is asked twice, never shown)."""
    from kiosk.services.passwords import hash_password

    pin = click.prompt("维护密码（6 至 8 位数字）", hide_input=True, confirmation_prompt="再次输入")
    if not re.fullmatch(r"\d{6,8}", pin) or len(set(pin)) == 1:
        raise InputError("维护密码须为 6 至 8 位数字，且不能全部相同")
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

    config = _config(config_file, demo)
    try:
        reference = enroll(_store(config), config, id_number, photo, SystemClock())
    except EnrolmentError as exc:
        raise InputError(shown(str(exc))) from None
    click.echo(f"已登记照片：{config.paths.face_photos_dir / reference}")


@main.group()
def devices() -> None:
    """Check the terminal's devices (staff)."""


@devices.command("check")
@click.option("--demo", is_flag=True, help="Check the demo configuration (simulated devices).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Check the holiday schedule as of this day (QA).")
def devices_check(demo: bool, config_file: str | None, as_json: bool, today) -> None:  # noqa: ANN001
    """Probe every configured device once, and the holiday schedule, and print each state.

    Exit 1 when anything is 故障; 警告 (e.g. next year's holiday schedule not loaded) exits 0.
    """
    from dataclasses import asdict

    from kiosk.clock import CST, ManualClock, SystemClock
    from kiosk.services.maintenance import terminal_health

    config = _config(config_file, demo)
    clock = ManualClock(today.replace(hour=9, tzinfo=CST)) if today else SystemClock()
    found = terminal_health(_devices(config), config, clock)
    if as_json:
        click.echo(json.dumps([{**asdict(h), "state": h.state} for h in found], ensure_ascii=False, indent=2))
    else:
        for h in found:
            click.echo(f"[{h.state}] {h.label}（{h.implementation}）：{h.message}  {h.millis:.0f} ms"
                       + (f"  {h.detail}" if h.detail else ""))
    if not all(h.ok for h in found):
        sys.exit(1)


_SERIAL = re.compile(r"^[A-Za-z]{1,6}[0-9]{6,26}$")


@main.command()
@click.argument("what")
@click.option("--public-key", "public_key", type=click.Path(dir_okay=False, path_type=Path),
              help="Check with the centre's public key alone: no config, no database (a verification desk).")
@click.option("--demo", is_flag=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
def verify(what: str, public_key: Path | None, demo: bool, config_file: str | None) -> None:
    """Check an A4 document: a PDF file, the text of its QR code, or a business serial.

    Exit code 0 genuine, 1 not genuine, 2 bad input (or the check could not be made).
    """
    from kiosk.services import signing
    from kiosk.store.database import StoreUnavailable

    def bad_input(message: str) -> NoReturn:
        click.echo(f"无法核验 (error): {shown(message)}", err=True)
        sys.exit(2)

    path = Path(what)
    text = what.strip()
    try:
        is_file, exists = path.is_file(), path.exists()
    except OSError:  # e.g. a QR text longer than a file name may be
        is_file = exists = False
    kind = "pdf" if is_file else "qr" if signing.is_code(text) else "serial" if _SERIAL.match(text) else None
    if kind is None:
        if exists:
            bad_input(f"不是文件：{what}")
        elif path.suffix.lower() == ".pdf" or os.sep in what:
            bad_input(f"文件不存在：{what}")
        bad_input(f"无法识别：{what}（应为 PDF 文件、二维码内容或业务流水号）")
    try:
        if public_key is not None:
            verifier = signing.DocumentVerifier.load(public_key)
            if kind == "serial":
                bad_input(signing.SERIAL_NEEDS_REGISTER)
            verdict = (signing.check_pdf_offline(verifier, path) if kind == "pdf"
                       else signing.check_offline(verifier, text))
        else:
            config = _config(config_file, demo)
            store = _store(config)
            if kind == "pdf":
                verdict = signing.check_pdf(store, signing.verifier_for(config), path)
            elif kind == "qr":
                verdict = signing.check_qr_text(store, signing.verifier_for(config), text)
            else:
                verdict = signing.check_serial(store, text)
    except (signing.SigningKeyError, signing.ToolMissing, signing.CannotCheck) as exc:
        bad_input(str(exc))
    except StoreUnavailable as exc:
        bad_input(f"{exc} ({exc.detail})")
    except OSError as exc:
        bad_input(f"无法读取 {what}: {exc.strerror or exc}")

    claimed = verdict.claimed
    if verdict.genuine:
        click.echo("签名有效 (signature valid)" if public_key is not None else "真实有效 (genuine)")
        for doc in verdict.documents:
            click.echo(f"文件名称：{doc.title}")
            click.echo(f"业务流水号：{doc.serial}")
            click.echo(f"证件号码：{doc.holder_id_masked}")
            click.echo(f"出具日期：{doc.issued_on:%Y-%m-%d}")
            click.echo(f"打印次数：{doc.printed}")
        if claimed is not None and not verdict.documents:
            click.echo(f"文件名称：{claimed.title}")
            click.echo(f"业务流水号：{claimed.serial}")
            click.echo(f"证件号码：{claimed.holder_id_masked}")
            click.echo(f"出具日期：{claimed.issued:%Y-%m-%d}")
        if claimed is not None and claimed.figures:
            click.echo("二维码所列内容：")
            for label, value in claimed.figures:
                click.echo(f"  {label}：{value}")
        click.echo(f"核验结果：{'；'.join(verdict.checks)}")
        if public_key is not None:
            click.echo(f"无法确认：{signing.OFFLINE_CANNOT}")
        return
    click.echo("不是真实文件 (not genuine)")
    click.echo(f"原因：{verdict.reason}")
    if claimed is not None:
        click.echo(f"二维码所示：{claimed.title}，业务流水号 {claimed.serial}，证件号码 {claimed.holder_id_masked}，"
                   f"出具日期 {claimed.issued:%Y-%m-%d}（未经证实）")
    sys.exit(1)


@main.group()
def audit() -> None:
    """The tamper-evident audit log."""


@audit.command("verify")
@click.option("--demo", is_flag=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
def audit_verify(demo: bool, config_file: str | None) -> None:
    """Check every terminal's audit hash chain; exit 1 and name the first broken row."""
    from kiosk.store import audit_chain
    from kiosk.store.database import Store, StoreUnavailable

    config = _config(config_file, demo)
    try:
        with Store(config.database.url).transaction(read_only=True) as tx:
            broken = audit_chain.verify(tx)
    except StoreUnavailable as exc:
        raise click.ClickException(f"{exc} ({exc.detail})") from None
    if broken:
        click.echo(broken.message(), err=True)
        sys.exit(1)
    click.echo("审计记录完整")


@main.command()
@click.option("--sessions", type=click.IntRange(1, 1_000_000), default=1000, show_default=True)
@click.option("--processes", type=click.IntRange(1, 32), default=4, show_default=True)
@click.option("--database", help="SQLAlchemy URL of an empty database (default: a new SQLite file).")
@click.option("--kills", type=click.IntRange(0, 10_000), default=10, show_default=True,
              help="kill -9 a kiosk process this many times (each is restarted).")
@click.option("--locks", type=click.IntRange(0, 10_000), default=5, show_default=True,
              help="hold the database locked this many times.")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--ui", is_flag=True, help="One kiosk window instead: sessions through the real UI with the event "
              "loop running; prints RSS and live objects every --every sessions.")
@click.option("--every", type=click.IntRange(1, 1_000_000), default=100, show_default=True,
              help="with --ui: sessions between two samples.")
@click.option("--warm-up", type=click.IntRange(0, 1_000_000), default=200, show_default=True,
              help="with --ui: sessions before the RSS growth is counted.")
def soak(sessions: int, processes: int, database: str | None, kills: int, locks: int, seed: int, ui: bool,
         every: int, warm_up: int) -> None:
    """Several kiosk processes on one database with faults at random; prints what was lost (exit 1 if any).

    With --ui: N sessions through one real kiosk window (offscreen); prints memory as it goes."""
    if ui:
        from kiosk.ui.soak_ui import run_ui_soak

        ui_report = run_ui_soak(sessions, seed=seed, every=every, report=lambda s: click.echo(s.line()))
        click.echo(ui_report.summary(warm_up))
        return
    from kiosk.soak import SoakPlan, run_soak

    report = run_soak(SoakPlan(sessions=sessions, processes=processes, database=database, kills=kills,
                               locks=locks, seed=seed))
    click.echo(report.table())
    sys.exit(0 if report.ok else 1)
