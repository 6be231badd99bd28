"""首次使用向导: where the data lives, 单位信息, 经办人, an optional administrator login, and the import of an existing
Excel 台账. Nothing is stored before 完成 (cancelling stores nothing; the profile can be filled later in 设置).

Choosing 便携 ends the wizard at once: it creates the `数据` folder beside the program and asks for a restart, so that
what the clerk types next goes into the database in that folder (the portable mode itself is models.paths')."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from gui.screen_fit import cap_size
from gui.widgets.profile_form import ProfileFormWidget
from gui.workers import run_in_background
from models import paths
from models.db import Database
from models.domain.errors import UserError, ValidationError
from models.paths import PORTABLE_FOLDER
from models.services import profile as profile_service
from models.services import users
from models.services.settings import current_actor, set_setting

EXAMPLES = {  # placeholders: what a township typically writes
    "单位名称": "××镇人民政府",
    "印章/落款名称": "××镇人民政府",
    "文号前缀": "××镇政府信息公开",
    "复议机关": "××县人民政府",
    "诉讼法院": "××县人民法院（或集中管辖行政案件的法院）",
    "联系人": "李晓梅",
    "联系电话": "023-12345678",
    "地址": "××县××镇××路1号",
    "邮编": "400000",
}
LOCATION, UNIT, OPERATOR, LOGIN, LEDGER = range(5)


def create_portable_folder(folder: Path) -> Path:
    """Create `数据` in `folder` (the program's folder); a UserError when the folder is not writable."""
    target = Path(folder) / PORTABLE_FOLDER
    try:
        target.mkdir(exist_ok=True)
    except OSError as error:
        raise UserError(
            f"无法在程序旁建立“{PORTABLE_FOLDER}”文件夹：{target}（{error.strerror or error}）。"
            "请把程序复制到自己有写入权限的文件夹（或U盘）后再选择便携。"
        ) from None
    return target


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    return label


def _intro(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class LocationPage(QWizardPage):
    def __init__(self, db: Database, portable: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("数据保存在哪里")
        self.already_portable = portable == db.path.parent or portable in db.path.parents
        layout = QVBoxLayout(self)
        layout.addWidget(
            _intro(
                "欢迎使用政务公开工作台。这个向导依次询问数据保存位置、单位信息、经办人、是否启用登录，"
                "以及是否导入已有的Excel台账。点“取消”可以先跳过，以后在“设置”页填写。\n\n"
                "首先，选择本程序保存数据库、文书和备份的位置：",
                self,
            )
        )
        self.normal = QRadioButton("普通：本机用户数据文件夹（推荐，每个Windows用户各自一份）", self)
        self.portable = QRadioButton(
            f"便携：程序旁的“{PORTABLE_FOLDER}”文件夹（放在U盘或自己的文件夹中，免安装）", self
        )
        group = QButtonGroup(self)
        group.addButton(self.normal)
        group.addButton(self.portable)
        layout.addWidget(self.normal)
        layout.addWidget(_intro(f"    {db.path.parent}", self))
        layout.addWidget(self.portable)
        layout.addWidget(_intro(f"    {portable}", self))
        self.note = _intro("", self)
        layout.addWidget(self.note)
        self.error = _error_label(self)
        layout.addWidget(self.error)
        layout.addStretch(1)
        if self.already_portable:
            self.portable.setChecked(True)
            self.normal.setEnabled(False)
            self.note.setText("本程序已经在便携模式下运行，数据保存在上面的“数据”文件夹中。")
        else:
            self.normal.setChecked(True)
        self.portable.toggled.connect(self._update_note)
        self.portable.toggled.connect(lambda _on: self.setFinalPage(self.switches_to_portable()))  # Next ↔ 完成

    def _update_note(self) -> None:
        if self.switches_to_portable():
            self.note.setText(
                f"点“完成”后，程序在其旁边建立“{PORTABLE_FOLDER}”文件夹并退出；请重新打开程序，"
                "再在向导中填写单位信息（数据将保存在该文件夹中）。"
            )
        else:
            self.note.clear()

    def switches_to_portable(self) -> bool:
        return self.portable.isChecked() and not self.already_portable

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return -1 if self.switches_to_portable() else UNIT


class UnitPage(QWizardPage):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("单位信息")
        layout = QVBoxLayout(self)
        layout.addWidget(_intro("这些信息出现在答复书、告知书的字号、落款和救济途径告知中，以及报表里。", self))
        self.form = ProfileFormWidget(self)
        self.form.set_profile(profile_service.get_profile(db))
        for label, example in EXAMPLES.items():
            if label in self.form.edits:
                self.form.edits[label].setPlaceholderText(f"例：{example}")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        layout.addWidget(scroll, 1)
        self.error = _error_label(self)
        layout.addWidget(self.error)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        missing = self.form.missing_required()
        if missing:
            self.error.setText("请填写：" + "、".join(missing))
            self.form.focus_field(missing[0])
            return False
        try:
            for label, value in self.form.values().items():
                profile_service.check_value(profile_service.field_by_label(label), value)
        except ValidationError as error:
            self.error.setText(error.message)
            self.form.focus_field(error.field)
            return False
        self.error.clear()
        return True


class OperatorPage(QWizardPage):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("经办人")
        layout = QVBoxLayout(self)
        layout.addWidget(
            _intro(
                "请填写在本机办理政府信息公开申请的工作人员姓名。登记申请、记录办理事项、出具文书时，"
                "它作为登记人/经办人记入办理过程（不会使用电脑的登录名）。以后可以在“设置”页修改。",
                self,
            )
        )
        self.name = QLineEdit(current_actor(db), self)
        self.name.setPlaceholderText("经办人姓名，例：李晓梅")
        self.name.setMaxLength(40)
        layout.addWidget(self.name)
        self.error = _error_label(self)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if not self.name.text().strip():
            self.error.setText("请填写经办人姓名。")
            self.name.setFocus()
            return False
        self.error.clear()
        return True


class LoginPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("登录（可选）")
        layout = QVBoxLayout(self)
        layout.addWidget(
            _intro(
                "一个人使用本机时不需要登录，直接点“下一步”。多人共用时，可以建立一个“管理员”账号并启用登录："
                "以后每次打开程序都要输入用户名和密码，管理员可以在“安全”菜单中添加其他用户。",
                self,
            )
        )
        self.enable = QCheckBox("启用登录，并建立管理员账号", self)
        layout.addWidget(self.enable)
        form = QFormLayout()
        self.user = QLineEdit(self)
        self.user.setPlaceholderText("例：李晓梅")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(f"至少{users.MIN_PASSWORD_LENGTH}个字符")
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("用户名：", self.user)
        form.addRow("密码：", self.password)
        form.addRow("再输一次密码：", self.repeat)
        layout.addLayout(form)
        self.error = _error_label(self)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.enable.toggled.connect(self._enable_fields)
        self._enable_fields(False)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        if not self.user.text():
            operator = self.wizard().page(OPERATOR)
            assert isinstance(operator, OperatorPage)
            self.user.setText(operator.name.text().strip())

    def _enable_fields(self, on: bool) -> None:
        for edit in (self.user, self.password, self.repeat):
            edit.setEnabled(on)
        self.error.clear()

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if not self.enable.isChecked():
            return True
        try:
            users._check_name(self.user.text())  # the rules of users.add_user, checked before anything is stored
            users._check_password(self.password.text())
        except ValidationError as error:
            self.error.setText(error.message)
            return False
        if self.password.text() != self.repeat.text():
            self.error.setText("两次输入的密码不一致。")
            self.repeat.setFocus()
            return False
        self.error.clear()
        return True


class LedgerPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("导入已有台账（可选）")
        layout = QVBoxLayout(self)
        layout.addWidget(
            _intro(
                "以前用Excel登记的依申请公开台账，可以在这里导入（列名见“依申请公开”页的“下载台账模板”）。"
                "台账有问题时一件也不导入，并列出每一处问题。不导入就直接点“完成”。",
                self,
            )
        )
        row = QHBoxLayout()
        self.choose_button = QPushButton("选择台账文件…", self)
        self.clear_button = QPushButton("不导入", self)
        self.path_label = QLabel("（未选择）", self)
        self.path_label.setWordWrap(True)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)
        row.addWidget(self.path_label, 1)
        layout.addLayout(row)
        self.error = _error_label(self)
        layout.addWidget(self.error)
        self.report = QTextBrowser(self)
        self.report.hide()
        layout.addWidget(self.report, 1)
        self.path = ""
        self.choose_button.clicked.connect(lambda: self.choose())
        self.clear_button.clicked.connect(lambda: self.set_path(""))

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择台账文件", "", "Excel 台账 (*.xlsx)")
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        self.path = path
        self.path_label.setText(path or "（未选择）")
        self.error.clear()
        self.report.clear()
        self.report.hide()

    def show_refusal(self, error: UserError) -> None:
        self.error.setText(
            "单位信息等已保存。台账未导入任何申请：请按下面列出的问题修改台账后重新选择，或点“不导入”后点“完成”。"
        )
        self.report.setPlainText(error.full_text())
        self.report.show()


class FirstRunWizard(QWizard):
    synchronous_jobs = False  # tests run the import inline

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        folder: Path | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.folder = folder if folder is not None else paths.app_dir()
        self.stored = False  # the answers are in the database (a refused import may keep the wizard open)
        self.restart_needed = False
        self.import_report = None
        self.setWindowTitle("首次使用向导")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        for which, text in (
            (QWizard.WizardButton.BackButton, "上一步"),
            (QWizard.WizardButton.NextButton, "下一步"),
            (QWizard.WizardButton.FinishButton, "完成"),
            (QWizard.WizardButton.CancelButton, "取消"),
        ):
            self.setButtonText(which, text)
        self.location = LocationPage(db, self.folder / PORTABLE_FOLDER, self)
        self.unit = UnitPage(db, self)
        self.operator = OperatorPage(db, self)
        self.login = LoginPage(self)
        self.ledger = LedgerPage(self)
        for page_id, page in enumerate((self.location, self.unit, self.operator, self.login, self.ledger)):
            self.setPage(page_id, page)
        cap_size(self, 760, 560)

    @property
    def error(self) -> QLabel:
        """The error line of the page on screen."""
        page = self.currentPage() or self.location
        return page.error  # type: ignore[attr-defined]

    def accept(self) -> None:
        if not self.validateCurrentPage():
            return
        if self.location.switches_to_portable():
            self._go_portable()
            return
        if not self.stored:
            try:
                self._store()
            except UserError as error:
                self.error.setText(error.message)
                return
        if not self.ledger.path:
            super().accept()
            return
        path, actor = self.ledger.path, current_actor(self.db)
        run_in_background(
            self,
            "正在导入台账…",
            lambda progress: self._import(path, actor, progress),
            self._imported,
            synchronous=self.synchronous_jobs,
        )

    def _go_portable(self) -> None:
        try:
            folder = create_portable_folder(self.folder)
        except UserError as error:
            self.location.error.setText(error.message)
            return
        self.restart_needed = True
        QMessageBox.information(
            self,
            "便携模式",
            f"已建立“{PORTABLE_FOLDER}”文件夹：\n{folder}\n\n程序现在退出。请重新打开程序，数据将保存在该文件夹中。",
        )
        super().accept()

    def _store(self) -> None:
        """Everything but the ledger, in an order each service accepts: the administrator is added while the login
        is still off, the profile saved before the login is turned on (it then needs a 管理员)."""
        login = self.login.enable.isChecked()
        name, password = self.login.user.text().strip(), self.login.password.text()
        if login:
            users.add_user(self.db, name, users.ADMIN, password)
        profile_service.save_profile(self.db, self.unit.form.values())
        set_setting(self.db, "operator", self.operator.name.text().strip())
        if login:
            users.set_login_enabled(self.db, True)
            users.sign_in(self.db, name, password)  # this session goes on as the new administrator
        self.stored = True

    def _import(self, path: str, actor: str, progress: object) -> object:
        from models.services import ledger

        try:
            return ledger.validate_and_import(self.db, path, actor=actor, today=self.today, progress=progress)
        except UserError as error:  # the refusal is shown in the page, with every problem listed
            return error

    def _imported(self, result: object) -> None:
        if isinstance(result, UserError):
            self.ledger.show_refusal(result)
            return
        self.import_report = result
        imported = len(result.imported)  # type: ignore[attr-defined]
        skipped = len(result.skipped)  # type: ignore[attr-defined]
        text = f"已导入 {imported} 件申请。" + (f"\n跳过 {skipped} 行（已存在）。" if skipped else "")
        QMessageBox.information(self, "导入台账", text)
        super().accept()


def needs_first_run(db: Database) -> bool:
    """The wizard is offered while the unit profile is empty (a cancelled wizard comes back at the next start)."""
    return not any(value.strip() for value in profile_service.get_profile(db).as_labels().values())
