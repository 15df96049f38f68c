import pytest

from hearings.validators import org_number_is_valid


@pytest.mark.parametrize("number", ["974760673", "983887457", "971526157", "923609016"])
def test_valid_org_numbers(number):
    assert org_number_is_valid(number)


@pytest.mark.parametrize(
    "number", ["974760674", "12345678", "1234567890", "abcdefghi", "", "٩٧٤٧٦٠٦٧٣", "974 760 673"]
)
def test_invalid_org_numbers(number):
    assert not org_number_is_valid(number)


def test_check_digit_ten_is_never_valid():
    # weights sum for 00000001x: 2*1 = 2 -> 11 - 2 = 9; find a prefix whose check digit would be 10
    for prefix in range(10_000_000, 10_001_000):
        digits = f"{prefix:08d}"
        total = sum(int(d) * w for d, w in zip(digits, (3, 2, 7, 6, 5, 4, 3, 2), strict=True))
        if 11 - total % 11 == 10:
            assert not any(org_number_is_valid(digits + str(c)) for c in range(10))
            return
    pytest.fail("no prefix with check digit 10 found")
