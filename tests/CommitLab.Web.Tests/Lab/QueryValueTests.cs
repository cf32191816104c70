using CommitLab.Web.Lab.Sharing;

namespace CommitLab.Web.Tests.Lab;

/// <summary>A mistyped number or switch in a link is ignored with a note, never an error page.</summary>
public sealed class QueryValueTests
{
    [Theory]
    [InlineData(null, null, null)]
    [InlineData("120", 120L, null)]
    [InlineData(" 7 ", 7L, null)]
    [InlineData("abc", null, "The link's t= value 'abc' is not a whole number, so it was ignored.")]
    [InlineData("99999999999999999999999", null, "The link's t= value '99999999999999999999999' is out of range (0 to 1,000), so it was ignored.")]
    [InlineData("1001", null, "The link's t= value '1001' is out of range (0 to 1,000), so it was ignored.")]
    [InlineData("-5", null, "The link's t= value '-5' is out of range (0 to 1,000), so it was ignored.")]
    [InlineData("1.5", null, "The link's t= value '1.5' is not a whole number, so it was ignored.")]
    [InlineData("a\nvery long value that goes on and on", null, "The link's t= value 'a very long value that g…' is not a whole number, so it was ignored.")]
    public void A_whole_number_reads_or_is_ignored_with_a_note(string? text, long? expected, string? note)
    {
        var notes = new List<string>();

        var value = QueryValue.WholeNumber(text, "t", 1_000, notes);

        Assert.Equal(expected, value);
        Assert.Equal(note is null ? [] : [note], notes);
    }

    [Theory]
    [InlineData(null, false, false)]
    [InlineData("true", true, false)]
    [InlineData("True", true, false)]
    [InlineData("false", false, false)]
    [InlineData("maybe", false, true)]
    public void A_switch_reads_or_is_ignored_with_a_note(string? text, bool expected, bool noted)
    {
        var notes = new List<string>();

        Assert.Equal(expected, QueryValue.Switch(text, "presenter", notes));
        Assert.Equal(noted, notes.Count == 1);
    }
}
