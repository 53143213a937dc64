"""Demo tasks of Hai Phong's S&T department in every step of the life cycle, driven through the services.

Proposals, a rejected one, the year's list, selections with councils, scores and a declared
conflict of interest, contracts with progress reports (some overdue), an adjustment request,
an evaluation under way, accepted and failed tasks, registered results and results published
into the union catalogue, a stopped and a cancelled task. The demo users of stinet.accounts.demo
play their parts (quanly manages, hoidong1-5 sit on councils, chunhiem1-3 lead the tasks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from stinet.catalog.models import Organisation
from stinet.tasks import councils, progress, services
from stinet.tasks.models import Task

PASSWORD = "stinet-demo-2026"
# (title, kind, level, field, plan year, host, PI, final state, keywords, objectives)
TASKS: list[tuple[str, str, str, str, int, str, str, str, list[str], str]] = [
    ("Nghiên cứu đa dạng sinh học rạn san hô quần đảo Cát Bà phục vụ bảo tồn", "research", "provincial", "106",
     2021, "IMER", "chunhiem1", "published", ["đa dạng sinh học", "rạn san hô", "Cát Bà"],
     "Đánh giá hiện trạng và đề xuất giải pháp bảo tồn rạn san hô quần đảo Cát Bà."),
    ("Ứng dụng công nghệ IoT giám sát chất lượng nước nuôi trồng thủy sản ven biển Hải Phòng", "project",
     "provincial", "405", 2022, "VMU", "chunhiem2", "published", ["IoT", "thủy sản", "chất lượng nước"],
     "Xây dựng hệ thống quan trắc tự động chất lượng nước cho vùng nuôi trồng thủy sản."),
    ("Đánh giá thực trạng và giải pháp phát triển logistics cảng biển Hải Phòng đến năm 2030", "scheme",
     "provincial", "502", 2022, "HPUMT", "chunhiem3", "published", ["logistics", "cảng biển"],
     "Phân tích năng lực logistics cảng biển và đề xuất giải pháp phát triển đến năm 2030."),
    ("Nghiên cứu tỷ lệ kháng kháng sinh của vi khuẩn gây viêm phổi tại Bệnh viện Hữu nghị Việt Tiệp",
     "research", "grassroots", "302", 2023, "VTH", "chunhiem1", "registered", ["kháng kháng sinh", "viêm phổi"],
     "Xác định tỷ lệ và đặc điểm kháng kháng sinh của vi khuẩn gây viêm phổi bệnh viện."),
    ("Sản xuất thử nghiệm chế phẩm sinh học xử lý chất thải chăn nuôi quy mô hộ gia đình", "pilot",
     "provincial", "208", 2023, "HPCAT", "chunhiem2", "accepted", ["chế phẩm sinh học", "chất thải chăn nuôi"],
     "Hoàn thiện quy trình và sản xuất thử nghiệm chế phẩm sinh học xử lý chất thải chăn nuôi."),
    ("Xây dựng mô hình trồng rau an toàn trong nhà lưới tại huyện An Lão", "project", "grassroots", "401",
     2023, "HPCAT", "chunhiem3", "failed", ["rau an toàn", "nhà lưới"],
     "Xây dựng và nhân rộng mô hình trồng rau an toàn trong nhà lưới."),
    ("Nghiên cứu giải pháp chống xói lở bờ biển Đồ Sơn bằng kè mềm thân thiện môi trường", "research",
     "provincial", "207", 2024, "VMU", "chunhiem1", "evaluating", ["xói lở bờ biển", "Đồ Sơn"],
     "Đề xuất và thử nghiệm giải pháp kè mềm chống xói lở bờ biển Đồ Sơn."),
    ("Số hóa và phát huy giá trị di sản văn hóa phi vật thể Hải Phòng", "scheme", "provincial", "601", 2024,
     "DHHP", "chunhiem2", "in_progress_overdue", ["di sản văn hóa", "số hóa"],
     "Số hóa, lưu trữ và quảng bá di sản văn hóa phi vật thể của thành phố."),
    ("Nghiên cứu ứng dụng trí tuệ nhân tạo hỗ trợ chẩn đoán ung thư phổi qua ảnh CT", "research", "provincial",
     "302", 2025, "HPMU", "chunhiem3", "in_progress_adjust", ["trí tuệ nhân tạo", "ung thư phổi", "ảnh CT"],
     "Xây dựng mô hình học sâu hỗ trợ phát hiện sớm ung thư phổi qua ảnh cắt lớp vi tính."),
    ("Đánh giá tác động của biến đổi khí hậu đến sinh kế cộng đồng ven biển Tiên Lãng", "research",
     "provincial", "105", 2025, "IMER", "chunhiem1", "in_progress", ["biến đổi khí hậu", "sinh kế"],
     "Đánh giá tác động và đề xuất giải pháp thích ứng cho cộng đồng ven biển."),
    ("Nghiên cứu công nghệ đóng tàu vỏ composite cỡ nhỏ phục vụ khai thác thủy sản", "research",
     "ministerial", "203", 2025, "VMU", "chunhiem2", "stopped", ["đóng tàu", "composite"],
     "Làm chủ công nghệ đóng tàu vỏ composite cỡ nhỏ cho ngư dân."),
    ("Nghiên cứu giải pháp chuyển đổi số trong quản lý thông tin khoa học và công nghệ thành phố", "scheme",
     "provincial", "102", 2026, "HPCIS", "chunhiem3", "awarded", ["chuyển đổi số", "thông tin KH&CN"],
     "Đề xuất mô hình chuyển đổi số cho công tác thông tin KH&CN của thành phố."),
    ("Nghiên cứu phát triển sản phẩm du lịch sinh thái biển đảo Bạch Long Vĩ", "research", "provincial", "507",
     2026, "", "", "selecting_scored", ["du lịch sinh thái", "Bạch Long Vĩ"],
     "Xây dựng và thử nghiệm sản phẩm du lịch sinh thái biển đảo."),
    ("Nghiên cứu sử dụng vật liệu tái chế trong xây dựng đường giao thông nông thôn", "research",
     "grassroots", "201", 2026, "", "", "selecting", ["vật liệu tái chế", "giao thông nông thôn"],
     "Đánh giá khả năng dùng vật liệu tái chế làm đường giao thông nông thôn."),
    ("Bảo tồn và phát triển nguồn gen cây thuốc quý tại Vườn quốc gia Cát Bà", "research", "national", "106",
     2026, "", "", "listed", ["nguồn gen", "cây thuốc"], "Thu thập, đánh giá và bảo tồn nguồn gen cây thuốc quý."),
    ("Xây dựng cơ sở dữ liệu chuyên gia khoa học và công nghệ Hải Phòng", "project", "provincial", "102", 2026,
     "", "", "cancelled", ["cơ sở dữ liệu", "chuyên gia"], "Xây dựng cơ sở dữ liệu chuyên gia KH&CN."),
    ("Nghiên cứu mô hình kinh tế tuần hoàn trong khu công nghiệp Đình Vũ", "research", "provincial", "502", 2027,
     "", "chunhiem1", "proposed", ["kinh tế tuần hoàn", "khu công nghiệp"],
     "Đề xuất mô hình kinh tế tuần hoàn cho doanh nghiệp khu công nghiệp."),
    ("Ứng dụng thiết bị bay không người lái giám sát rừng ngập mặn", "project", "provincial", "404", 2027, "",
     "nhakhoahoc", "proposed", ["rừng ngập mặn", "UAV"], "Giám sát biến động rừng ngập mặn bằng UAV."),
    ("Nghiên cứu lịch sử làng nghề truyền thống", "research", "grassroots", "601", 2027, "", "chunhiem2",
     "rejected", ["làng nghề"], "Tổng quan lịch sử các làng nghề."),
]
# the actions leading to each final state (helpers: "*apply", "*acceptance")
PATHS = {
    "proposed": [], "rejected": ["reject"], "listed": ["approve"], "cancelled": ["approve", "cancel"],
    "selecting": ["approve", "open_selection", "*apply"],
    "selecting_scored": ["approve", "open_selection", "*apply", "*score"],
    "awarded": ["approve", "open_selection", "*apply", "*score", "select"],
    "in_progress": ["approve", "assign", "sign_contract"],
    "in_progress_overdue": ["approve", "assign", "sign_contract", "*report"],
    "in_progress_adjust": ["approve", "assign", "sign_contract", "*adjust"],
    "stopped": ["approve", "assign", "sign_contract", "stop"],
    "evaluating": ["approve", "assign", "sign_contract", "*reports", "submit_final", "*acceptance_partial"],
    "failed": ["approve", "assign", "sign_contract", "*reports", "submit_final", "*acceptance_low", "accept"],
    "accepted": ["approve", "assign", "sign_contract", "*reports", "submit_final", "*acceptance", "accept"],
    "registered": ["approve", "assign", "sign_contract", "*reports", "submit_final", "*acceptance", "accept",
                   "register"],
    "published": ["approve", "assign", "sign_contract", "*reports", "submit_final", "*acceptance", "accept", "register",
                  "publish"],
}


def _users() -> dict[str, Any]:
    """The demo users by name (created here when stinet.accounts.demo has not)."""
    from stinet.accounts.demo import demo_users
    from stinet.accounts.services import create_user, grant

    users = get_user_model()
    found = {}
    for username, full_name, roles in demo_users():
        user = users.objects.filter(username=username).first()
        if user is None:
            user = create_user(username, PASSWORD, full_name=full_name, actor="demo")
            for role, org in roles:
                grant(user, role, org, actor="demo")
        found[username] = user
    return found


def _file(name: str, text: str) -> ContentFile:
    """A small text document of the dossier."""
    return ContentFile(text.encode("utf-8"), name=name)


def _dates(year: int, state: str) -> tuple[dt.date, dt.date]:
    """Contract start and end: finished tasks in their plan year; running ones around today."""
    today = timezone.localdate()
    if state.startswith("in_progress") or state in ("stopped", "evaluating"):
        start = today - dt.timedelta(days={"in_progress_overdue": 420, "evaluating": 700}.get(state, 150))
        end = start + dt.timedelta(days=730 if state != "evaluating" else 690)
        if state == "in_progress_overdue":
            end = today - dt.timedelta(days=10)  # the contract has run out, the final report is late
        return start, end
    return dt.date(year, 3, 1), dt.date(year + 1, 11, 30)


def _data(action: str, task: Task, spec: tuple, u: dict[str, Any]) -> dict[str, Any]:
    """What each action is given in the demo."""
    title, _kind, _level, _field, year, host, pi, state, _kw, _obj = spec
    start, end = _dates(year, state)
    done = min(end + dt.timedelta(days=60), timezone.localdate())
    return {
        "reject": {"reason": "Nội dung trùng lặp với nhiệm vụ đã thực hiện giai đoạn 2018-2020."},
        "cancel": {"reason": "Đã được giao cho chương trình cấp quốc gia thực hiện."},
        "stop": {"reason": "Tổ chức chủ trì đề nghị tạm dừng do thay đổi nhân sự chủ chốt."},
        "assign": {"host": host, "investigator": pi},
        "sign_contract": {"contract_number": f"{task.pk:02d}/{start.year}/HĐ-KHCN", "contract_date": start,
                          "budget_state": 300_000_000 + 50_000_000 * (task.pk % 9),
                          "budget_other": 40_000_000 * (task.pk % 3), "planned_start": start, "planned_end": end,
                          "documents": {"contract": _file("hop-dong.txt", f"Hợp đồng thực hiện nhiệm vụ {title}")}},
        "submit_final": {"results": f"Báo cáo tổng hợp, bộ số liệu và kiến nghị của nhiệm vụ «{title}».",
                         "documents": {"final_report": _file("bao-cao-tong-hop.txt", f"Báo cáo tổng hợp: {title}"),
                                       "summary_report": _file("bao-cao-tom-tat.txt", f"Tóm tắt: {title}")}},
        "accept": {"documents": {"acceptance_minutes": _file("bien-ban-nghiem-thu.txt", "Biên bản nghiệm thu")}},
        "register": {"registration_number": f"{done.year}-{31000 + task.pk}/ĐKKQ-HP", "registration_date": done},
    }.get(action, {})


def _helper(task: Task, step: str, u: dict[str, Any]) -> None:
    """Applications, council scores, progress reports and an adjustment request."""
    members = [u[f"hoidong{i}"] for i in range(1, 6)]
    if step == "*apply":
        councils.form_council(task, u["quanly"], "selection", members[:3])
        councils.apply(task, u["chunhiem1"], host="DHHP", summary="Khảo sát thực địa, xây dựng mô hình thí điểm.",
                       budget_requested=650_000_000, months=24)
        councils.apply(task, u["chunhiem3"], host="HPUMT", summary="Điều tra xã hội học và đề xuất chính sách.",
                       budget_requested=560_000_000, months=18)
    elif step == "*score":
        first, second = task.applications.order_by("id")
        marks = [(members[0], 82, 70), (members[1], 78, 74), (members[2], None, 88)]  # hoidong3 has a conflict
        for member, a, b in marks:
            councils.score(task, member, "selection", application=first, value=a, conflict=a is None,
                           comment="" if a else "Cùng đơn vị công tác với chủ nhiệm")
            councils.score(task, member, "selection", application=second, value=b)
    elif step in ("*report", "*reports"):
        due = task.progress_reports.filter(submitted_at__isnull=True).order_by("number")
        for report in due[:1] if step == "*report" else due:
            progress.submit_progress(task, u[task.investigator.username], percent_done=min(30 * report.number, 95),
                                     summary=f"Hoàn thành các nội dung của kỳ {report.number} theo thuyết minh.",
                                     document=_file(f"bao-cao-dinh-ky-{report.number}.txt", "Báo cáo định kỳ"))
    elif step == "*adjust":
        progress.request_adjustment(task, u[task.investigator.username], kind="time",
                                    reason="Cần thêm thời gian thu thập ảnh CT từ bệnh viện tuyến huyện.",
                                    new_end=task.planned_end + dt.timedelta(days=180))
    else:
        scores = {"*acceptance": (90, 86, 88, 84, 92), "*acceptance_low": (45, 52, 40, 38, 60),
                  "*acceptance_partial": (87, 80)}[step]
        councils.form_council(task, u["quanly"], "acceptance", members)
        for member, value in zip(members, scores, strict=False):
            councils.score(task, member, "acceptance", value=value, comment="Đạt yêu cầu đặt hàng.")


def _drive(spec: tuple, u: dict[str, Any]) -> Task:
    """Propose one demo task and take it to its final state through the services."""
    title, kind, level, field, year, _host, pi, state, keywords, objectives = spec
    proposer = u.get(pi) or u["bientap"]
    task = services.propose(proposer, title=title, objectives=objectives, year=year, level=level, kind=kind,
                            field_code=field, keywords=keywords,
                            expected_results="Báo cáo khoa học, bộ số liệu, bài báo và kiến nghị chính sách.")
    for step in PATHS[state]:
        if step == "sign_contract":
            services.add_member(task, "Nguyễn Thị Thu Hà", "secretary")
            services.add_member(task, "Trần Văn Khánh", "member")
        if step.startswith("*"):
            _helper(task, step, u)
            continue
        who = u[task.investigator.username] if step == "submit_final" else u["quanly"]
        task = services.transition(task, step, who, **_data(step, task, spec, u))
        if step == "accept":  # the council met before the result was registered, not today
            task.accepted_at = _accepted_at(spec)
            Task.objects.filter(pk=task.pk).update(accepted_at=task.accepted_at)
    return task


def _accepted_at(spec: tuple) -> dt.datetime:
    """When a demo task's acceptance council met: a month before its registration date, today at the latest."""
    start, end = _dates(spec[4], spec[7])
    day = min(end + dt.timedelta(days=30), timezone.localdate())
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def load() -> Iterator[str]:
    """Create the demo tasks unless tasks exist; yields report lines."""
    if Task.objects.exists():
        yield _("the task database has %(n)s tasks already; demo tasks not loaded again") % {"n": Task.objects.count()}
        return
    if not Organisation.objects.filter(code="IMER").exists():
        yield _("demo tasks skipped: the demo organisations are missing")
        return
    u = _users()
    for spec in TASKS:
        task = _drive(spec, u)
        if task.accepted_at is not None:  # a task accepted, registered or published ended before its council met
            Task.objects.filter(pk=task.pk).update(actual_end=task.planned_end)
    steps = sorted({(t.step, t.status) for t in Task.objects.all()})
    yield _("demo tasks: %(n)s, at step:status %(steps)s") % {
        "n": Task.objects.count(), "steps": ", ".join(f"{s}:{st}" for s, st in steps)}
    yield _("demo results published in the catalogue: %(n)s") % {
        "n": Task.objects.filter(result_work__isnull=False).count()}
