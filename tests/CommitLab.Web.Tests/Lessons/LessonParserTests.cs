using CommitLab.Engine.Faults;
using CommitLab.Web.Lab;
using CommitLab.Web.Lessons;

namespace CommitLab.Web.Tests.Lessons;

public sealed class LessonParserTests
{
    private static readonly ScenarioLibrary Scenarios = new(Path.Combine(AppContext.BaseDirectory, "lessons", "scenarios"));

    private static LessonDocument Parse(string text) =>
        LessonParser.Parse("05-test.md", text, name => name == "known" ? new CommitLab.Engine.Scenarios.Scenario() : null);

    private static string Error(string text) => Assert.Throws<LessonException>(() => Parse(text)).Message;

    private const string Front = "---\ntitle: T\norder: 5\nminutes: 4\nobjectives:\n  - one\n  - two\n---\n";

    [Fact]
    public void Reads_front_matter_and_segments_in_order()
    {
        var lesson = Parse(Front + "Hello *you*.\n\n```lab\nscenario: known\ncontrols: full\nfault:\n  label: Crash it\n  do: crash L\n```\n\nMiddle.\n\n```quiz\nquestion: Q?\nkind: prediction\nlab: 1\npauseAt: 20\noptions:\n  - text: A\n    correct: true\n  - text: B\nexplanation: Because.\n```\n\n```generals\nemails: 3\nloss: 0.25\n```\nEnd.\n");

        Assert.Equal(("test", "T", 5, 4), (lesson.Slug, lesson.Title, lesson.Order, lesson.Minutes));
        Assert.Equal(["one", "two"], lesson.Objectives.ToArray());
        Assert.Collection(lesson.Segments,
            s => Assert.Contains("<em>you</em>", Assert.IsType<ProseBlock>(s).Html, StringComparison.Ordinal),
            s =>
            {
                var lab = Assert.IsType<LabBlock>(s);
                Assert.True(lab.FullControls);
                Assert.Equal("Crash it", lab.Fault!.Label);
                Assert.Equal(FaultText.ParseAction("crash L"), lab.Fault.Action);
            },
            s => Assert.Contains("Middle", Assert.IsType<ProseBlock>(s).Html, StringComparison.Ordinal),
            s =>
            {
                var quiz = Assert.IsType<QuizBlock>(s);
                Assert.Equal(("q1", true, 1, 20L, 0), (quiz.Id, quiz.Prediction, quiz.Lab!.Value, quiz.PauseAt!.Value, quiz.CorrectIndex));
            },
            s => Assert.Equal((3, 25), (Assert.IsType<GeneralsBlock>(s).Emails, ((GeneralsBlock)s).LossPercent)),
            s => Assert.Contains("End.", Assert.IsType<ProseBlock>(s).Html, StringComparison.Ordinal));
    }

    [Fact]
    public void Raw_html_is_escaped_and_pipe_tables_render_keyboard_scrollable()
    {
        var lesson = Parse(Front + "<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        var html = Assert.IsType<ProseBlock>(Assert.Single(lesson.Segments)).Html;
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        // A table scrolls sideways on a phone; focusable, it can be scrolled from the keyboard.
        Assert.Contains("<table tabindex=\"0\">", html, StringComparison.Ordinal);
        Assert.Contains("<td>2</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_key_names_file_and_line() =>
        Assert.Equal("05-test.md, line 12: unknown key 'colour' (expected scenario, caption, controls, fault)",
            Error(Front + "\n```lab\nscenario: known\ncolour: red\n```\n"));

    [Fact]
    public void Missing_scenario_names_its_line() =>
        Assert.StartsWith("05-test.md, line 11: there is no scenario called 'nope'", Error(Front + "\n```lab\nscenario: nope\n```\n"), StringComparison.Ordinal);

    [Fact]
    public void Quiz_without_exactly_one_correct_option_is_refused() =>
        Assert.Equal("05-test.md, line 9: a quiz needs exactly one correct option, this one has 2",
            Error(Front + "```quiz\nquestion: Q\noptions:\n  - text: A\n    correct: true\n  - text: B\n    correct: true\nexplanation: E\n```\n"));

    [Fact]
    public void Quiz_without_explanation_is_refused() =>
        Assert.Equal("05-test.md, line 9: a quiz needs an 'explanation'",
            Error(Front + "```quiz\nquestion: Q\noptions:\n  - text: A\n    correct: true\n  - text: B\n```\n"));

    [Fact]
    public void Prediction_pointing_at_a_missing_lab_is_refused() =>
        Assert.Equal("05-test.md, line 9: the prediction quiz points at lab 2, but the lesson has 0 lab block(s)",
            Error(Front + "```quiz\nquestion: Q\nkind: prediction\nlab: 2\npauseAt: 5\noptions:\n  - text: A\n    correct: true\n  - text: B\nexplanation: E\n```\n"));

    [Fact]
    public void Bad_fault_action_is_refused_with_its_line() =>
        Assert.StartsWith("05-test.md, line 13: bad fault action 'explode L'",
            Error(Front + "```lab\nscenario: known\nfault:\n  label: Boom\n  do: explode L\n```\n"), StringComparison.Ordinal);

    [Fact]
    public void Colons_in_prose_values_need_no_quotes()
    {
        var lesson = Parse(Front.Replace("  - two", "  - Say why: briefly", StringComparison.Ordinal) +
            "```quiz\nquestion: Why: really?\noptions:\n  - text: A: yes\n    correct: true\n  - text: 'B'\nexplanation: Unsafe in general: had it, it's gone.\n```\n");
        var quiz = Assert.Single(lesson.Quizzes);
        Assert.Equal(("Why: really?", "A: yes", "Unsafe in general: had it, it's gone."), (quiz.Question, quiz.Options[0].Text, quiz.Explanation));
        Assert.Equal("Say why: briefly", lesson.Objectives[1]);
    }

    [Fact]
    public void Missing_front_matter_is_refused() =>
        Assert.Equal("05-test.md, line 1: a lesson starts with YAML front matter between '---' lines", Error("# Hello\n"));

    [Fact]
    public void Oversized_files_are_refused() =>
        Assert.Contains("larger than 256 KB", Error(Front + new string('a', LessonParser.MaxBytes)), StringComparison.Ordinal);

    [Fact]
    public void Slug_drops_the_number() => Assert.Equal("2pc-on-a-good-day", LessonParser.Slug("02-2pc-on-a-good-day.md"));

    [Fact]
    public void Progress_round_trips_and_marks_done_when_every_quiz_is_answered()
    {
        var lesson = Parse(Front + "```quiz\nquestion: Q\noptions:\n  - text: A\n    correct: true\n  - text: B\nexplanation: E\n```\n");
        var progress = new LessonProgress();
        progress.Open("test");
        Assert.Equal("in progress", progress.Status("test"));
        progress.Answer(lesson, "q1", 1);
        var read = LessonProgress.Read(progress.Write());
        Assert.Equal("done", read.Status("test"));
        Assert.Equal(1, read.Lessons["test"].Answers["q1"]);
        Assert.Null(LessonProgress.Read("not json").Status("test"));
    }

    [Fact]
    public void Shipped_scenario_folder_is_found_next_to_the_tests() => Assert.NotEmpty(Scenarios.Scenarios);

    [Fact]
    public void A_lab_on_a_tahoe_scenario_is_an_ordinary_lab_and_shares_the_numbering()
    {
        var tahoe = new CommitLab.Engine.Scenarios.Scenario { Title = "Tahoe", Protocol = CommitLab.Engine.Protocols.ProtocolKind.TahoeTwoPhase, Tahoe = new CommitLab.Engine.Tahoe.TahoeSettings() };
        var lesson = LessonParser.Parse(
            "09-t.md",
            Front + "```lab\nscenario: known\n```\n\n```lab\nscenario: writers\ncaption: Two writers\n```\n",
            name => name switch { "known" => new CommitLab.Engine.Scenarios.Scenario(), "writers" => tahoe, _ => null });

        Assert.Equal([1, 2], lesson.Labs.Select(l => l.Number).ToArray());
        var lab = lesson.Labs.Last();
        Assert.Equal(("writers", "Two writers"), (lab.ScenarioName, lab.Caption));
        Assert.Same(tahoe, lab.Scenario);
    }
}
