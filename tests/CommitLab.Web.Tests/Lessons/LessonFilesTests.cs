using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Narration;
using CommitLab.Web.Lessons;

namespace CommitLab.Web.Tests.Lessons;

/// <summary>
/// Every lesson shipped in <c>lessons/</c> parses and makes sense: its labs' scenarios exist and meet
/// their expectations, every quiz has one right answer and an explanation, every prediction pauses
/// before its lab's run ends. Before any lesson exists the fixture lesson stands in.
/// </summary>
public sealed class LessonFilesTests
{
    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommitLab.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CommitLab.sln not found above the test binaries");
    }

    private static ScenarioLibrary Scenarios { get; } = new(Path.Combine(RepositoryRoot(), "lessons", "scenarios"));

    public static TheoryData<string> LessonFiles()
    {
        var root = RepositoryRoot();
        var files = Directory.Exists(Path.Combine(root, "lessons"))
            ? Directory.GetFiles(Path.Combine(root, "lessons"), "*.md")
            : [];
        if (files.Length == 0)
        {
            files = Directory.GetFiles(Path.Combine(root, "tests", "CommitLab.Web.Tests", "Lessons", "Fixtures"), "*.md");
        }

        var data = new TheoryData<string>();
        foreach (var f in files.Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, f));
        }

        return data;
    }

    private static LessonDocument Parse(string relative) =>
        LessonParser.ParseFile(Path.Combine(RepositoryRoot(), relative), name => Scenarios.Find(name)?.Scenario);

    [Theory]
    [MemberData(nameof(LessonFiles))]
    public void Lesson_parses_with_title_and_order(string file)
    {
        var lesson = Parse(file);
        Assert.False(string.IsNullOrWhiteSpace(lesson.Title));
        Assert.True(lesson.Minutes > 0);
        Assert.NotEmpty(lesson.Segments);
    }

    [Theory]
    [MemberData(nameof(LessonFiles))]
    public void Every_lab_scenario_meets_its_expectation(string file)
    {
        foreach (var lab in Parse(file).Labs)
        {
            var result = Simulator.Create(lab.Scenario).RunToEnd();
            Assert.True(result.Meets(lab.Scenario.Expect), $"{file}: lab {lab.Number} ({lab.ScenarioName}) ended {result.Outcome}, not as its expect says");
        }

    }

    [Theory]
    [MemberData(nameof(LessonFiles))]
    public void Every_quiz_has_one_right_answer_and_an_explanation_and_predictions_pause_in_time(string file)
    {
        var lesson = Parse(file);
        foreach (var quiz in lesson.Quizzes)
        {
            Assert.Single(quiz.Options, o => o.Correct);
            Assert.False(string.IsNullOrWhiteSpace(quiz.Explanation));
            if (quiz.Prediction)
            {
                var lab = lesson.Labs.SingleOrDefault(l => l.Number == quiz.Lab);
                Assert.True(lab is not null, $"{file}: {quiz.Id} points at lab {quiz.Lab}, which does not exist");
                var end = Simulator.Create(lab.Scenario).RunToEnd().Ticks;
                Assert.True(quiz.PauseAt < end, $"{file}: {quiz.Id} pauses at {quiz.PauseAt}, but lab {quiz.Lab} ends at tick {end}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(LessonFiles))]
    public void No_prediction_is_answered_by_what_comes_before_it(string file)
    {
        // A prediction is worth asking only if the student cannot read the answer off the page
        // first: the title, objectives, prose, lab captions and earlier quizzes above it.
        var lesson = Parse(file);
        var seen = new System.Text.StringBuilder().AppendLine(lesson.Title);
        foreach (var objective in lesson.Objectives)
        {
            seen.AppendLine(objective);
        }

        foreach (var segment in lesson.Segments)
        {
            if (segment is QuizBlock { Prediction: true } quiz)
            {
                Assert.False(quiz.Giveaways.IsEmpty, $"{file}: prediction {quiz.Id} lists no giveaways (phrases that would answer it)");
                var before = seen.ToString() + HeldNarrationAtPause(lesson, quiz);
                foreach (var phrase in quiz.Giveaways)
                {
                    Assert.False(
                        before.Contains(phrase, StringComparison.OrdinalIgnoreCase),
                        $"{file}: '{phrase}' answers prediction {quiz.Id} before the student has made it");
                }
            }

            seen.AppendLine(segment switch
            {
                ProseBlock prose => System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(prose.Html, "<[^>]+>", "")),
                LabBlock lab => lab.Caption ?? lab.Scenario.Title,
                QuizBlock earlier => string.Join('\n', [earlier.Question, .. earlier.Options.Select(o => o.Text), earlier.Explanation]),
                GeneralsBlock generals => generals.Caption ?? "",
                _ => "",
            });
        }
    }

    /// <summary>
    /// What the paused lab's narration says while the prediction is open, as the lesson page shows it:
    /// the lab's last lines up to the pause, cut down to what happened.
    /// </summary>
    private static string HeldNarrationAtPause(LessonDocument lesson, QuizBlock quiz)
    {
        var lab = lesson.Labs.Single(l => l.Number == quiz.Lab);
        using var session = new PlaybackSession(narrationLines: LessonLabNarrationLines);
        session.Load(lab.Scenario);
        session.SeekTick(quiz.PauseAt!.Value);
        return string.Join('\n', OpenQuestion.Narration(session.Frame.Narration).Select(l => l.Text));
    }

    /// <summary>How many narration lines a lesson's lab shows (LessonLab.razor).</summary>
    private const int LessonLabNarrationLines = 12;

    /// <summary>
    /// The held narration at a pause tells what has happened and no more: lesson 8's leader-crash
    /// lab, paused at 75 ms, says that L crashed and that the participants are uncertain, and nothing
    /// about a ballot or a decision, which are the prediction's answer.
    /// </summary>
    [Fact]
    public void A_paused_labs_narration_says_what_happened_but_not_what_the_prediction_asks()
    {
        var lesson = Parse(Path.Combine("lessons", "08-commit-and-consensus.md"));
        var quiz = lesson.Quizzes.Single(q => q.Prediction && q.Lab == 2);

        var held = HeldNarrationAtPause(lesson, quiz);

        Assert.Contains("L crashes. P1, P2 and P3 have voted and are uncertain.", held, StringComparison.Ordinal);
        Assert.DoesNotContain("ballot 5", held, StringComparison.Ordinal);
        Assert.DoesNotContain("decides", held, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixture_lesson_parses_into_every_kind_of_segment()
    {
        var lesson = Parse(Path.Combine("tests", "CommitLab.Web.Tests", "Lessons", "Fixtures", "01-fixture-lesson.md"));
        Assert.Equal("fixture-lesson", lesson.Slug);
        Assert.Equal([typeof(ProseBlock), typeof(LabBlock), typeof(QuizBlock), typeof(GeneralsBlock)], lesson.Segments.Select(s => s.GetType()).ToArray());
        Assert.DoesNotContain("<script>", ((ProseBlock)lesson.Segments[0]).Html, StringComparison.Ordinal);
        Assert.Equal("Now crash the leader", lesson.Labs.Single().Fault!.Label);
    }

    [Fact]
    public void Slugs_are_unique()
    {
        var root = RepositoryRoot();
        var library = new LessonLibrary(Path.Combine(root, "lessons"), Scenarios);
        Assert.Equal(library.Lessons.Length, library.Lessons.Select(l => l.Slug).Distinct().Count());
        Assert.Equal(Directory.GetFiles(Path.Combine(root, "lessons"), "*.md").Length, library.Lessons.Length);
    }
}
