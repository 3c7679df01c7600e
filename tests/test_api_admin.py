"""Staff add a notice through the API: upload a file (admin token), get the metadata read from its
text for review, correct it (saved as the overlay), ask about it at once, replace and delete it; a bad
file leaves the index as it was. Fake embedder; the notice text is written for the test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from assistant.embeddings import FakeEmbedder
from assistant.services import Services
from assistant.settings import Settings

ADMIN = {"Authorization": "Bearer adm1n"}
AUTH = {**ADMIN, "Content-Type": "application/octet-stream"}
NOTICE = (
    "关于开展2025年度滨江市服务型制造示范遴选工作的通知\n\n各县（市、区）工信局：\n\n"
    "一、申报条件\n\n（一）申报企业应在成都市内注册，服务收入占营业收入比重达25%以上。\n\n"
    "二、申报程序\n\n请于2025年6月30日前将申报材料（一式两份）报送市工信局。\n\n"
    "联系人：李四，电话：028-12345678\n\n成都市经济和信息化局\n2025年5月6日\n"
).encode()


def _client(settings: Settings) -> TestClient:
    guarded = settings.model_copy(update={"admin_token": "adm1n", "today": date(2025, 5, 20)})
    return TestClient(create_app(guarded, Services(guarded, FakeEmbedder())))


def _index_files(settings: Settings) -> dict[str, bytes]:
    root = Path(settings.index_dir)
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_upload_review_ask_replace_delete(built_index: Settings) -> None:
    with _client(built_index) as c:
        done = c.post("/api/admin/notices?filename=chengdu.txt&id=chengdu-2025", content=NOTICE, headers=AUTH)
        assert done.status_code == 200, done.text
        meta = done.json()["meta"]
        assert meta["title"].startswith("关于开展2025年度") and meta["level"] == "municipal"
        assert meta["region"] == "四川省成都市" and meta["year"] == 2025 and meta["copies"] == 2
        assert [d["date"] for d in meta["deadlines"]] == ["2025-06-30"]
        # answerable at once
        answer = c.post("/api/chat", json={"message": "成都2025年示范企业服务收入占比要多少？"}).json()
        assert "chengdu-2025" in answer["notices"] and "25%" in answer["answer"]
        # the reviewer corrects the title: saved as the overlay, served at once
        fixed = c.put("/api/admin/notices/chengdu-2025/meta", json={"title": "成都市2025年服务型制造示范遴选通知"},
                      headers=ADMIN)
        assert fixed.status_code == 200 and fixed.json()["meta"]["title"] == "成都市2025年服务型制造示范遴选通知"
        assert c.put("/api/admin/notices/chengdu-2025/meta", json={"status": "x"}, headers=ADMIN).status_code == 400
        # replacing keeps the reviewed overlay
        again = c.post("/api/admin/notices?filename=chengdu.txt&id=chengdu-2025", content=NOTICE, headers=AUTH)
        assert again.json()["meta"]["title"] == "成都市2025年服务型制造示范遴选通知"
        gone = c.delete("/api/admin/notices/chengdu-2025", headers=ADMIN)
        assert gone.status_code == 200 and "chengdu-2025" not in [n["id"] for n in c.get("/api/notices").json()]


def test_bad_uploads_leave_the_index_as_it_was(built_index: Settings) -> None:
    with _client(built_index) as c:
        before = _index_files(built_index)
        for name, body in [("empty.txt", b""), ("x.pdf", b"%PDF-1.4 broken"), ("a.exe", b"MZ\x00\x01"),
                           ("bin.txt", bytes(range(256)) * 4)]:
            response = c.post(f"/api/admin/notices?filename={name}", content=body, headers=AUTH)
            assert response.status_code == 400, (name, response.text)
            assert response.json()["error"]["message"]
        assert _index_files(built_index) == before
        # no token: refused before anything is read
        refused = c.post("/api/admin/notices?filename=a.txt", content=NOTICE,
                         headers={"Content-Type": "application/octet-stream"})
        assert refused.status_code == 401
