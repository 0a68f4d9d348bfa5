using System.Linq;

namespace Sinch.Verification.Generated.Tests.Client;

/// <summary>Issue #20, items 5 and 6: the one rule for outside text in a log line or on a terminal.</summary>
[TestClass]
public sealed class LogTextTests
{
    [TestMethod]
    [DataRow("/x\nwarning: fake", "/x\\u000Awarning: fake", DisplayName = "LF")]
    [DataRow("a\r\nb", "a\\u000D\\u000Ab", DisplayName = "CR LF")]
    [DataRow("\u001b[31mred\u001b[0m", "\\u001B[31mred\\u001B[0m", DisplayName = "ANSI escape")]
    [DataRow("tab\there\0nul\u007fdel", "tab\\u0009here\\u0000nul\\u007Fdel", DisplayName = "other C0 controls and DEL")]
    [DataRow("c1\u0085nel\u009bcsi", "c1\\u0085nel\\u009Bcsi", DisplayName = "C1 controls")]
    [DataRow("line\u2028para\u2029", "line\\u2028para\\u2029", DisplayName = "line and paragraph separators")]
    [DataRow("abc\u202egnp.exe", "abc\\u202Egnp.exe", DisplayName = "right-to-left override")]
    [DataRow("\u2066iso\u2069 \u200e\u200f\u061c", "\\u2066iso\\u2069 \\u200E\\u200F\\u061C", DisplayName = "bidi isolates and marks")]
    [DataRow("zero\u200bwidth\ufeff", "zero\\u200Bwidth\\uFEFF", DisplayName = "zero-width characters")]
    public void Escape_writes_every_character_that_could_forge_or_hide_a_line_as_u_escapes(string text, string expected) =>
        Assert.AreEqual(expected, LogText.Escape(text));

    [TestMethod]
    [DataRow("\u202846700", "\\u2028\\u0034\\u0036\\u0037\\u0030\\u0030", DisplayName = "after an escape ending in a digit")]
    [DataRow("\u0007467******00", "\\u0007\\u0034\\u0036\\u0037******00", DisplayName = "a masked number after a bell")]
    [DataRow("\u202E46700", "\\u202E46700", DisplayName = "after an escape ending in a letter")]
    [DataRow("46700\u2028x", "46700\\u2028x", DisplayName = "before an escape")]
    public void Digits_right_after_an_escape_ending_in_a_digit_are_escaped_so_no_run_of_digits_forms(string text, string expected) =>
        Assert.AreEqual(expected, LogText.Escape(text));

    [TestMethod]
    public void Escape_writes_a_surrogate_that_is_not_half_of_a_pair_as_a_u_escape()
    {
        // Built in code: an attribute's string cannot hold a lone surrogate.
        Assert.AreEqual("lone \\uD800 high", LogText.Escape("lone " + (char)0xD800 + " high"));
        Assert.AreEqual("lone \\uDC00 low", LogText.Escape("lone " + (char)0xDC00 + " low"));
        Assert.AreEqual("reversed \\uDE00\\uD83D", LogText.Escape("reversed " + (char)0xDE00 + (char)0xD83D));
    }

    [TestMethod]
    [DataRow("plain ASCII: /sinch/verification?x=1")]
    [DataRow("Åsa Öberg, 中文, emoji \ud83d\ude00, Arabic \u0645\u0631\u062d\u0628\u0627")]
    public void Escape_leaves_printable_text_alone_without_copying_it(string text) =>
        Assert.AreSame(text, LogText.Escape(text));

    [TestMethod]
    public void Safe_masks_numbers_and_escapes_controls_in_one_call()
    {
        Assert.AreEqual("POST /x\\u000Awarning: +46*******00", LogText.Safe("POST /x\nwarning: +46700000000"));
        Assert.AreEqual("\\u001B]0;\u0664\u0666\u0667******\u0660\u0660", LogText.Safe("\u001b]0;\u0664\u0666\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660"));
        Assert.AreEqual(string.Empty, LogText.Safe(null));
    }

    [TestMethod]
    public void A_JSON_string_of_outside_text_reads_back_the_same_and_holds_nothing_unsafe()
    {
        var text = "q\" b\\ a\u0085b\u202ec\u009b\n\u0007" + "46700";

        var json = LogText.JsonString(text);

        Assert.AreEqual("\"q\\\" b\\\\ a\\u0085b\\u202Ec\\u009B\\u000A\\u0007\\u0034\\u0036\\u0037\\u0030\\u0030\"", json);
        Assert.AreEqual(text, Newtonsoft.Json.JsonConvert.DeserializeObject<string>(json), "JSON reads back the same text");
    }

    [TestMethod]
    public void Every_C0_and_C1_control_is_unsafe_and_no_printable_ASCII_is()
    {
        Assert.IsTrue(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).All(c => LogText.IsUnsafe((char)c)));
        Assert.IsFalse(Enumerable.Range(0x20, 0x5F).Any(c => LogText.IsUnsafe((char)c)));
    }
}
