using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Web.Lessons;

/// <summary>A lesson file read and checked: its front matter and its parts in reading order.</summary>
public sealed record LessonDocument(
    string Slug,
    string Title,
    int Order,
    int Minutes,
    ImmutableArray<string> Objectives,
    ImmutableArray<LessonSegment> Segments)
{
    public IEnumerable<LabBlock> Labs => Segments.OfType<LabBlock>();


    /// <summary>The part of the course a lesson without a <c>part:</c> key belongs to.</summary>
    public const string DefaultPart = "Lessons";

    public IEnumerable<QuizBlock> Quizzes => Segments.OfType<QuizBlock>();

    /// <summary>The part of the course the lesson belongs to (front matter <c>part:</c>), for the course map.</summary>
    public string Part { get; init; } = DefaultPart;
}

/// <summary>One part of a lesson.</summary>
public abstract record LessonSegment(int Line);

/// <summary>Markdown prose, already rendered to HTML (raw HTML in the source is escaped, never passed through).</summary>
public sealed record ProseBlock(int Line, string Html) : LessonSegment(Line);

/// <summary>An embedded Lab on a scenario. <paramref name="Number"/> is 1-based among the lesson's labs.</summary>
public sealed record LabBlock(int Line, int Number, string ScenarioName, Scenario Scenario, string? Caption, bool FullControls, LessonFault? Fault)
    : LessonSegment(Line);


/// <summary>A button that injects one fault action.</summary>
public sealed record LessonFault(string Label, string Do, FaultAction Action);

/// <summary>A quiz option.</summary>
public sealed record QuizOption(string Text, bool Correct);

/// <summary>
/// A quiz. <paramref name="Id"/> is stable within the lesson (q1, q2, ...). A prediction quiz names
/// the lab it belongs to (<paramref name="Lab"/>, 1-based) and the tick it pauses at.
/// </summary>
public sealed record QuizBlock(int Line, string Id, string Question, bool Prediction, ImmutableArray<QuizOption> Options, string Explanation, int? Lab, long? PauseAt)
    : LessonSegment(Line)
{
    public int CorrectIndex => Options.Select((o, i) => (o, i)).First(p => p.o.Correct).i;

    /// <summary>
    /// Phrases that would give a prediction's answer away. Nothing a student sees before answering
    /// (prose, lab captions) may contain them; the lesson tests check it.
    /// </summary>
    public ImmutableArray<string> Giveaways { get; init; } = [];
}

/// <summary>An embedded two-generals single trial.</summary>
public sealed record GeneralsBlock(int Line, int Emails, int LossPercent, string? Caption) : LessonSegment(Line);

/// <summary>A lesson file that cannot be used; the message names the file and the line.</summary>
public sealed class LessonException(string message) : Exception(message);
