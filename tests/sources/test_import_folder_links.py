"""A folder import never follows a link out of the folder, and names what it skips."""

import os

from sources.models import Source
from tests.sources.test_import_folder import run


def test_links_out_dangling_links_and_fifos_are_refused_by_name(db, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\nNot for the desk.\n")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "real.txt").write_text("Real article\nA text in the folder.\n")
    (folder / "inside-link.txt").symlink_to(folder / "real.txt")
    (folder / "escape.txt").symlink_to(outside / "secret.txt")
    (folder / "escape-folder").symlink_to(outside, target_is_directory=True)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")

    out, err = run(folder, expect_failure=True)

    assert Source.objects.get().title == "Real article"
    assert not Source.objects.filter(title="Secret").exists()
    assert "1 imported, 1 skipped as duplicates" in out
    assert "4 refused" in out
    assert "escape.txt: a link out of the folder" in err
    assert "escape-folder: a link out of the folder" in err
    assert "dangling.txt: a dangling link" in err
    assert "pipe.txt: a FIFO" in err


def test_a_link_to_a_folder_inside_is_not_followed(db, tmp_path):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "one.txt").write_text("One\nA text.\n")
    (folder / "again").symlink_to(folder / "sub", target_is_directory=True)

    out, err = run(folder, expect_failure=True)

    assert "1 imported" in out and "1 refused" in out
    assert "again: a link to a folder; not followed" in err
