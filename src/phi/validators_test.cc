// Validators: structure and check digits accept real-shaped identifiers and reject near misses.
#include "phi/validators.h"

#include <gtest/gtest.h>

namespace ward::phi {
namespace {

TEST(Validators, SsnStructure) {
  EXPECT_TRUE(valid_ssn("123-45-6789"));
  EXPECT_TRUE(valid_ssn("550 53 3582"));
  EXPECT_TRUE(valid_ssn("853371694"));
  EXPECT_FALSE(valid_ssn("000-12-3456"));  // area 000
  EXPECT_FALSE(valid_ssn("666-12-3456"));  // area 666
  EXPECT_FALSE(valid_ssn("912-12-3456"));  // area 9xx (ITINs)
  EXPECT_FALSE(valid_ssn("123-00-4567"));  // group 00
  EXPECT_FALSE(valid_ssn("123-45-0000"));  // serial 0000
  EXPECT_FALSE(valid_ssn("078-05-1120"));  // the Woolworth wallet number
  EXPECT_FALSE(valid_ssn("123-45-678"));
}

TEST(Validators, LuhnForPaymentCards) {
  EXPECT_TRUE(valid_luhn("4111 1111 1111 1111"));
  EXPECT_TRUE(valid_luhn("4454794511390933"));
  EXPECT_TRUE(valid_luhn("378282246310005"));
  EXPECT_FALSE(valid_luhn("4111 1111 1111 1112"));
  EXPECT_FALSE(valid_luhn("79927398713"));  // Luhn-valid but only 11 digits: not a card
}

TEST(Validators, NpiCheckDigit) {
  EXPECT_TRUE(valid_npi("1234567893"));   // CMS's example
  EXPECT_FALSE(valid_npi("1234567890"));
  EXPECT_FALSE(valid_npi("3234567893"));  // must start with 1 or 2
}

TEST(Validators, DeaCheckDigit) {
  EXPECT_TRUE(valid_dea("AB1234563"));   // 1+3+5 + 2*(2+4+6) = 33 -> 3
  EXPECT_FALSE(valid_dea("AB1234567"));
  EXPECT_FALSE(valid_dea("A12345678"));
}

TEST(Validators, IbanMod97) {
  EXPECT_TRUE(valid_iban("GB82 WEST 1234 5698 7654 32"));
  EXPECT_TRUE(valid_iban("gb82west12345698765432"));
  EXPECT_FALSE(valid_iban("GB83WEST12345698765432"));
}

TEST(Validators, VinCheckDigit) {
  EXPECT_TRUE(valid_vin("1M8GDM9AXKP042788"));
  EXPECT_FALSE(valid_vin("1M8GDM9A1KP042788"));
  EXPECT_FALSE(valid_vin("1M8GDM9AXKP04278O"));  // O is not allowed
}

TEST(Validators, CalendarDates) {
  EXPECT_TRUE(valid_date(2024, 2, 29));
  EXPECT_FALSE(valid_date(2023, 2, 29));
  EXPECT_FALSE(valid_date(1900, 2, 29));
  EXPECT_TRUE(valid_date(2000, 2, 29));
  EXPECT_FALSE(valid_date(2021, 4, 31));
  EXPECT_FALSE(valid_date(2021, 13, 1));
}

TEST(Validators, IpAddresses) {
  EXPECT_TRUE(valid_ip("192.168.10.1"));
  EXPECT_FALSE(valid_ip("192.168.10.256"));
  EXPECT_TRUE(valid_ip("6e40:4041:c617:e898:c11:40d2:c669:2eb4"));
  EXPECT_TRUE(valid_ip("fe80::1"));
  EXPECT_FALSE(valid_ip("09:34:31"));
}

TEST(Validators, ZipCodesAndStates) {
  EXPECT_TRUE(valid_zip("02115"));
  EXPECT_TRUE(valid_zip("02115-4401"));
  EXPECT_FALSE(valid_zip("00000"));
  EXPECT_FALSE(valid_zip("0211"));
  EXPECT_FALSE(valid_zip("02115 4401"));
  EXPECT_TRUE(is_state_code("MA"));
  EXPECT_FALSE(is_state_code("XX"));
}

}  // namespace
}  // namespace ward::phi
