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
    [DataRow("+46700000000", true)]
    [DataRow("+4670000000000000", false)]
    [DataRow("46700000000", false)]
    [DataRow("+0700000000", false)]
    [DataRow("+46 700000000", false)]
    public void IsE164_tells_E164_numbers_from_others(string number, bool expected) => Assert.AreEqual(expected, PhoneNumbers.IsE164(number));
}
