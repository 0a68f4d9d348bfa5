namespace Sinch.Verification.Generated.Tests.Client;

[TestClass]
public sealed class PhoneNumbersTests
{
    [TestMethod]
    [DataRow("+46700000000", "+46*******00")]
    [DataRow("Identity +46700000000 is blacklisted", "Identity +46*******00 is blacklisted")]
    [DataRow("number 46700000000 and code 918273", "number 467******00 and code ******")]
    [DataRow("errorCode 40400, reference abc-12345", "errorCode 40400, reference abc-12345")]
    [DataRow("", "")]
    [DataRow(null, "")]
    public void MaskAll_masks_every_number_and_pin_in_free_text(string? text, string expected) =>
        Assert.AreEqual(expected, PhoneNumbers.MaskAll(text));

    [TestMethod]
    [DataRow("\u0664\u0666\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660", "\u0664\u0666\u0667******\u0660\u0660", DisplayName = "Arabic-Indic digits")]
    [DataRow("tel \uFF0B\uFF14\uFF16\uFF17\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10\uFF10", "tel \uFF0B\uFF14\uFF16*******\uFF10\uFF10", DisplayName = "fullwidth digits and plus")]
    [DataRow("46\u0667\u0660\u0660000000", "46\u0667******00", DisplayName = "scripts mixed in one run")]
    [DataRow("\U0001D7D2\U0001D7D4\U0001D7D5\U0001D7CE\U0001D7CE\U0001D7CE\U0001D7CE\U0001D7CE\U0001D7CE", "\U0001D7D2\U0001D7D4\U0001D7D5****\U0001D7CE\U0001D7CE", DisplayName = "digits beyond the BMP, counted as characters")]
    [DataRow("467\u200b000\u2060\u200e00000 and more", "467******00 and more", DisplayName = "invisible characters inside a run")]
    [DataRow("x46700000000y.5e400", "x467******00y.5e400", DisplayName = "inside a word")]
    [DataRow("46700000000.5e400", "467******00.5e400", DisplayName = "a number's text")]
    [DataRow("\u0664\u0666\u0667\u0660\u0660", "\u0664\u0666\u0667\u0660\u0660", DisplayName = "five digits stay")]
    public void MaskAll_masks_digit_runs_of_every_script_wherever_they_stand(string text, string expected) =>
        Assert.AreEqual(expected, PhoneNumbers.MaskAll(text));

    [TestMethod]
    public void MaskAll_returns_text_without_a_number_unchanged_and_unallocated()
    {
        const string text = "errorCode 40400, reference abc-12345";
        Assert.AreSame(text, PhoneNumbers.MaskAll(text));
    }

    [TestMethod]
    [DataRow("+46700000000", true)]
    [DataRow("+4670000000000000", false)]
    [DataRow("46700000000", false)]
    [DataRow("+0700000000", false)]
    [DataRow("+46 700000000", false)]
    public void IsE164_tells_E164_numbers_from_others(string number, bool expected) => Assert.AreEqual(expected, PhoneNumbers.IsE164(number));
}
