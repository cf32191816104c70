using CommitLab.Web.Classroom;
using CommitLab.Web.Hosting;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>User text on its way into the log: one line, bounded, and nothing hidden.</summary>
public sealed class LogTextTests
{
    [Theory]
    [InlineData("ABC-234", "\"ABC-234\"")]
    [InlineData("ABC\n2026-12-06 ERROR forged line", "\"ABC\\n2026-12-06 ERROR forged line\"")]
    [InlineData("a\r\tb", "\"a\\r\\u0009b\"")]
    [InlineData("\u202Eevil", "\"\\u202Eevil\"")]
    [InlineData("say \"hi\" \\", "\"say \\\"hi\\\" \\\\\"")]
    [InlineData("", "\"\"")]
    [InlineData(null, "(none)")]
    public void Line_breaks_controls_and_quotes_are_escaped(string? typed, string logged) => Assert.Equal(logged, LogText.Safe(typed));

    [Fact]
    public void Long_text_is_cut_and_says_how_much_was_left_out()
    {
        Assert.Equal("\"xxxxx\"…(+995 more)", LogText.Safe(new string('x', 1000), 5));
        Assert.Equal($"\"{new string('y', 64)}\"…(+1 more)", LogText.Safe(new string('y', 65)));
    }

    [Fact]
    public void A_join_code_with_a_line_break_reaches_the_log_as_one_line()
    {
        using var classroom = new ClassroomHarness();

        classroom.Service.Join("ABC\nINFO: Room ZZZ222 opened by admin", "Mallory", "192.0.2.66");
        var admitted = classroom.Service.OpenConsole("room\nid", "token", "hub connection 1 from 192.0.2.66");

        Assert.Null(admitted.Console);
        Assert.Contains(classroom.Log.Entries, e => e.Message == "Join refused for 192.0.2.66: no room with code \"ABC\\nINFO: Room ZZZ222 opened by admin\"");
        Assert.Contains(classroom.Log.Entries, e => e.Message == "Instructor access refused for hub connection 1 from 192.0.2.66 to room \"room\\nid\": no such room");
        Assert.DoesNotContain(classroom.Log.Entries, e => e.Message.Contains('\n', StringComparison.Ordinal));
    }
}
