using CommitLab.Web.Classroom;
using CommitLab.Web.Components.Classroom;

namespace CommitLab.Components.Tests.Classroom;

public sealed class StudentListAndJoinCardTests : MudTestContext
{
    [Fact]
    public void An_empty_room_says_where_students_join()
    {
        var cut = Render<StudentList>(p => p.Add(c => c.Students, []));

        Assert.Equal("0 watching", cut.Find("[data-testid=student-count]").TextContent);
        Assert.Contains("Nobody yet", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Students_are_listed_by_name_with_their_pages_and_whether_they_answered()
    {
        var cut = Render<StudentList>(p => p.Add(c => c.Students,
            [new StudentPresence("a", "Ada", 1, true), new StudentPresence("b", "<b>Bob</b>", 2, false)]));

        Assert.Equal(["Ada ✓ answered", "<b>Bob</b> (2 pages)"], cut.FindAll("[data-testid=student]").Select(li => li.TextContent));
    }

    [Fact]
    public void A_huge_room_lists_two_hundred_and_counts_the_rest()
    {
        var students = Enumerable.Range(0, 230).Select(i => new StudentPresence($"s{i}", $"S{i}", 1, false)).ToArray();

        var cut = Render<StudentList>(p => p.Add(c => c.Students, students));

        Assert.Equal(200, cut.FindAll("[data-testid=student]").Count);
        Assert.Contains("and 30 more.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_join_card_shows_the_code_split_for_reading_aloud_a_qr_code_and_the_link()
    {
        var cut = Render<JoinCodeCard>(p => p.Add(c => c.Code, "ABCDEF").Add(c => c.JoinUrl, "http://example.test/join?code=ABCDEF"));

        Assert.Equal("ABC-DEF", cut.Find("[data-testid=join-code-display]").TextContent);
        Assert.Equal("Join code A B C D E F", cut.Find("[data-testid=join-code-display]").GetAttribute("aria-label"));
        Assert.NotNull(cut.Find(".join-qr svg"));
        Assert.Equal("http://example.test/join?code=ABCDEF", cut.Find("[data-testid=join-link]").GetAttribute("href"));
    }
}
