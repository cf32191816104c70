using System.Collections.Immutable;
using CommitLab.Web.Classroom;
using CommitLab.Web.Components.Classroom;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>The classroom's pieces of page, rendered to HTML: the join card, the tally, a student's poll, the student list.</summary>
public sealed class ClassroomMarkupTests
{
    private static PollView Poll(PollStatus status, params (string Student, int Choice)[] answers) =>
        PollView.From(new PollRecord(
            7,
            "room",
            "Who decides?",
            ["L", "P1", "Nobody"],
            0,
            status,
            120,
            answers.ToImmutableDictionary(a => a.Student, a => a.Choice)));

    private static int Count(string html, string text) => html.Split(text, StringSplitOptions.None).Length - 1;

    [Fact]
    public async Task The_join_card_shows_the_code_in_two_groups_a_qr_code_and_the_link()
    {
        var html = await ComponentHtml.RenderAsync<JoinCodeCard>(new Dictionary<string, object?>
        {
            [nameof(JoinCodeCard.Code)] = "ABC234",
            [nameof(JoinCodeCard.JoinUrl)] = "https://lab.example/join?code=ABC234",
        });

        Assert.Contains(">ABC-234</p>", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Join code A B C 2 3 4\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("viewBox", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://lab.example/join?code=ABC234\"", html, StringComparison.Ordinal);
        Assert.Contains(">https://lab.example/join?code=ABC234</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tally_marks_the_right_answer_in_words_only_when_asked_to()
    {
        var poll = Poll(PollStatus.Revealed, ("a", 0), ("b", 2), ("c", 2), ("d", 2));

        var shown = await ComponentHtml.RenderAsync<PollTally>(new Dictionary<string, object?>
        {
            [nameof(PollTally.Poll)] = poll,
            [nameof(PollTally.ShowCorrect)] = true,
        });
        var hidden = await ComponentHtml.RenderAsync<PollTally>(new Dictionary<string, object?>
        {
            [nameof(PollTally.Poll)] = poll,
            [nameof(PollTally.ShowCorrect)] = false,
        });

        Assert.Equal(1, Count(shown, "right answer"));
        Assert.Contains("L &#x2713; right answer", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("P1 &#x2713;", shown, StringComparison.Ordinal);
        Assert.Contains("1 (25%)", shown, StringComparison.Ordinal);
        Assert.Contains("3 (75%)", shown, StringComparison.Ordinal);
        Assert.Contains("0 (0%)", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("right answer", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"right", hidden, StringComparison.Ordinal);
        Assert.Contains("3 (75%)", hidden, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_reveal_a_student_sees_buttons_to_answer_and_no_counts()
    {
        var poll = Poll(PollStatus.Open, ("a", 0), ("b", 2)).ForStudents();

        var html = await ComponentHtml.RenderAsync<StudentPoll>(new Dictionary<string, object?>
        {
            [nameof(StudentPoll.Poll)] = poll,
            [nameof(StudentPoll.Mine)] = 2,
        });

        Assert.Equal(3, Count(html, "data-testid=\"poll-option\""));
        Assert.Contains(">Nobody</span></button>", html, StringComparison.Ordinal);
        Assert.Contains("aria-pressed=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal(2, Count(html, "aria-pressed=\"false\""));
        Assert.Contains("Your answer: Nobody. You can change it until the results are shown.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("poll-tally", html, StringComparison.Ordinal);
        Assert.DoesNotContain("tally-count", html, StringComparison.Ordinal);
        Assert.DoesNotContain("%)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("right answer", html, StringComparison.Ordinal);
        Assert.DoesNotContain("poll-verdict", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_student_who_has_not_answered_is_invited_to_pick_one()
    {
        var html = await ComponentHtml.RenderAsync<StudentPoll>(new Dictionary<string, object?>
        {
            [nameof(StudentPoll.Poll)] = Poll(PollStatus.Open).ForStudents(),
        });

        Assert.Contains("Pick one; the run waits for the room.", html, StringComparison.Ordinal);
        Assert.Equal(3, Count(html, "aria-pressed=\"false\""));
    }

    [Fact]
    public async Task After_the_reveal_a_student_sees_the_tally_their_answer_and_the_verdict()
    {
        var poll = Poll(PollStatus.Revealed, ("a", 0), ("b", 2)).ForStudents();

        var wrong = await ComponentHtml.RenderAsync<StudentPoll>(new Dictionary<string, object?>
        {
            [nameof(StudentPoll.Poll)] = poll,
            [nameof(StudentPoll.Mine)] = 2,
        });
        var right = await ComponentHtml.RenderAsync<StudentPoll>(new Dictionary<string, object?>
        {
            [nameof(StudentPoll.Poll)] = poll,
            [nameof(StudentPoll.Mine)] = 0,
        });

        Assert.DoesNotContain("<button", wrong, StringComparison.Ordinal);
        Assert.Equal(3, Count(wrong, "data-testid=\"tally-count\""));
        Assert.Contains("1 (50%)", wrong, StringComparison.Ordinal);
        Assert.Contains("L &#x2713; right answer", wrong, StringComparison.Ordinal);
        Assert.Contains("Nobody (your answer)", wrong, StringComparison.Ordinal);
        Assert.Contains("Not this time: the answer was &quot;L&quot;.", wrong, StringComparison.Ordinal);
        Assert.Contains(">You got it.</p>", right, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_a_poll_is_open_the_projected_console_shows_how_many_answered_but_no_counts_and_no_right_answer()
    {
        var html = await ComponentHtml.RenderAsync<PollConsole>(new Dictionary<string, object?>
        {
            [nameof(PollConsole.Current)] = Poll(PollStatus.Open, ("a", 0), ("b", 2)),
            [nameof(PollConsole.Watching)] = 5,
        });

        Assert.Contains("2 of 5 answered", html, StringComparison.Ordinal);
        Assert.Contains("<li>Nobody</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("right answer", html, StringComparison.Ordinal);
        Assert.DoesNotContain("poll-tally", html, StringComparison.Ordinal);
        Assert.DoesNotContain("(50%)", html, StringComparison.Ordinal);
        Assert.Contains("Reveal the results", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Play on", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"ask-preset\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_poll_on_screen_the_instructor_is_offered_the_presets_and_a_form()
    {
        var presets = PollPresets.For("2pc-happy-path", RepositoryFiles.Scenario("2pc-happy-path").Scenario);

        var html = await ComponentHtml.RenderAsync<PollConsole>(new Dictionary<string, object?>
        {
            [nameof(PollConsole.Presets)] = presets,
        });

        Assert.Equal(presets.Count, Count(html, "data-testid=\"ask-preset\""));
        Assert.Contains("If we play on with no other fault, how will this run end?", html, StringComparison.Ordinal);
        Assert.Equal(PollDraft.Slots, Count(html, "data-testid=\"draft-option\""));
        Assert.DoesNotContain("data-testid=\"current-poll\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_reveal_the_instructor_can_play_on()
    {
        var html = await ComponentHtml.RenderAsync<PollConsole>(new Dictionary<string, object?>
        {
            [nameof(PollConsole.Current)] = Poll(PollStatus.Revealed, ("a", 0)),
            [nameof(PollConsole.Watching)] = 1,
        });

        Assert.Contains("Play on", html, StringComparison.Ordinal);
        Assert.Contains("L &#x2713; right answer", html, StringComparison.Ordinal);
        Assert.Contains("1 (100%)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Reveal the results", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"revealed\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_in_the_student_list_are_text_never_markup()
    {
        IReadOnlyList<StudentPresence> students =
        [
            new("s1", "<script>alert(1)</script>", 1, false),
            new("s2", "<img src=x onerror=alert(2)>", 2, true),
            new("s3", "Ada & \"Grace\"", 1, false),
        ];

        var html = await ComponentHtml.RenderAsync<StudentList>(new Dictionary<string, object?>
        {
            [nameof(StudentList.Students)] = students,
        });

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt; (2 pages) &#x2713; answered", html, StringComparison.Ordinal);
        Assert.Contains("Ada &amp; &quot;Grace&quot;", html, StringComparison.Ordinal);
        Assert.Contains("3 watching", html, StringComparison.Ordinal);
        Assert.Equal(3, Count(html, "data-testid=\"student\""));
    }

    [Fact]
    public async Task An_empty_room_says_where_students_join()
    {
        var html = await ComponentHtml.RenderAsync<StudentList>(new Dictionary<string, object?>
        {
            [nameof(StudentList.Students)] = Array.Empty<StudentPresence>(),
        });

        Assert.Contains("0 watching", html, StringComparison.Ordinal);
        Assert.Contains("Nobody yet.", html, StringComparison.Ordinal);
    }
}
