"""Demo news of the network: a training course on OAI-PMH harvesting, a workshop, two news items."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from stinet.news.models import NewsItem
from stinet.news.services import Draft, save_item


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    """A time `days` from today, in the site's time zone."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.get_current_timezone())


def demo_items() -> list[Draft]:
    """The demo items (dates relative to today, so the events stay upcoming)."""
    return [
        Draft(title="Tập huấn: kết nối kho dữ liệu của đơn vị với mạng lưới qua OAI-PMH", kind="training",
              summary="Khoá tập huấn hai buổi cho cán bộ thư viện các đơn vị thành viên về thu thập dữ liệu tự động.",
              body="Trung tâm Thông tin, Thống kê KH&CN Hải Phòng tổ chức khoá tập huấn về giao thức OAI-PMH 2.0.\n\n"
                   "Nội dung: cấu hình DSpace/EPrints để cung cấp dữ liệu oai_dc và marcxml; đăng ký nguồn thu thập "
                   "trên STINet; đọc báo cáo thu thập (bản ghi mới, sửa, xoá, bị từ chối); xử lý văn bản mã cũ "
                   "TCVN3, VNI.\n\nĐăng ký tại https://stinet.local/news/ trước ngày khai giảng.",
              starts_at=_at(14, 8, 30), ends_at=_at(15, 16, 30),
              place="Phòng họp tầng 3, Sở KH&CN Hải Phòng, 16 Lý Tự Trọng", published=True),
        Draft(title="Hội thảo: chia sẻ nguồn tin KH&CN giữa các thư viện đại học Hải Phòng", kind="event",
              summary="Hội thảo về mục lục liên hợp, xử lý trùng lặp và phục vụ người dùng tra cứu không dấu.",
              body="Hội thảo dành cho lãnh đạo và cán bộ thư viện các trường đại học, viện nghiên cứu.\n\n"
                   "Chủ đề: mục lục liên hợp của mạng lưới; gộp và tách bản trùng; cung cấp dữ liệu cho "
                   "Cơ sở dữ liệu quốc gia về KH&CN.",
              starts_at=_at(30, 8), ends_at=_at(30, 11, 30), place="Trường Đại học Hải Phòng", published=True),
        Draft(title="Mạng lưới thông tin KH&CN Hải Phòng đưa cổng tra cứu chung vào hoạt động",
              summary="Cổng STINet cho phép tra cứu hơn 5.000 tài liệu của 9 đơn vị thành viên, có dấu hoặc không dấu.",
              body="Người dùng có thể tra cứu báo cáo kết quả nghiên cứu, luận văn, luận án của các thành viên "
                   "trên một cổng duy nhất.\n\nCác đơn vị cập nhật dữ liệu qua OAI-PMH hoặc tải tệp lên.",
              published=True),
        Draft(title="Hướng dẫn cập nhật hồ sơ chuyên gia (bản nháp)",
              summary="Bản nháp, chưa công bố.", body="Nội dung đang soạn.", published=False),
    ]


def load() -> Iterator[str]:
    """Create the demo items unless the news section has items already."""
    if NewsItem.objects.exists():
        yield _("news: items exist already; demo news not loaded")
        return
    author = get_user_model().objects.filter(username="quantri").first()
    for draft in demo_items():
        item = save_item(draft, actor="demo")
        if author is not None:
            NewsItem.objects.filter(pk=item.pk).update(author=author)
    yield _("news: %(n)s demo items (a training course on OAI-PMH harvesting, a workshop)") % {"n": len(demo_items())}
