"""An image's width and height, as a browser lays it out, read from real files."""

from __future__ import annotations

import os

import pytest
from PIL import Image

from eventsite.reading.images import intrinsic_size


def saved(tmp_path, name: str, size=(640, 360), **options):
    path = tmp_path / name
    Image.new("RGB", size, "teal").save(path, **options)
    return path


@pytest.mark.parametrize("name", ["a.png", "a.jpg", "a.webp", "a.gif"])
def test_a_bitmap_gives_its_pixel_size(tmp_path, name):
    assert intrinsic_size(saved(tmp_path, name)) == (640, 360)


@pytest.mark.parametrize("orientation, expected", [(1, (640, 360)), (3, (640, 360)), (6, (360, 640)),
                                                   (8, (360, 640))])
def test_a_photo_taken_with_the_phone_turned_is_as_browsers_show_it(tmp_path, orientation, expected):
    # Browsers turn a JPEG by its EXIF orientation, so its box on the page is turned too.
    exif = Image.Exif()
    exif[0x0112] = orientation
    assert intrinsic_size(saved(tmp_path, "photo.jpg", exif=exif.tobytes())) == expected


@pytest.mark.parametrize("root, expected", [
    ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80">', (120, 80)),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="80.4px" viewBox="0 0 12 8">', (120, 80)),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0,0,300,150">', (300, 150)),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300">', None),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="10em" height="5em">', None),
])
def test_an_svg_gives_its_pixel_size_or_its_view_box(tmp_path, root, expected):
    path = tmp_path / "logo.svg"
    path.write_text(f'<?xml version="1.0"?>\n{root}<rect width="1" height="1"/></svg>\n', encoding="utf-8")
    assert intrinsic_size(path) == expected


def test_a_file_that_is_not_an_image_gives_no_size(tmp_path):
    (tmp_path / "fake.jpg").write_text("not a picture", encoding="utf-8")
    (tmp_path / "fake.svg").write_text("<svg", encoding="utf-8")
    assert intrinsic_size(tmp_path / "fake.jpg") is None
    assert intrinsic_size(tmp_path / "fake.svg") is None
    assert intrinsic_size(tmp_path / "missing.png") is None


def test_an_image_replaced_under_the_same_name_is_read_again(tmp_path):
    path = saved(tmp_path, "a.png")
    assert intrinsic_size(path) == (640, 360)
    saved(tmp_path, "a.png", size=(200, 300))
    os.utime(path, ns=(1, 1))  # a new modification time, however fast the save
    assert intrinsic_size(path) == (200, 300)
