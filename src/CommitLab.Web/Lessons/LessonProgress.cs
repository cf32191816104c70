using System.Text.Json;

namespace CommitLab.Web.Lessons;

/// <summary>One lesson's progress in the browser: opened, finished, and the option picked per quiz.</summary>
public sealed class LessonProgressEntry
{
    public bool Done { get; set; }

    public Dictionary<string, int> Answers { get; set; } = [];
}

/// <summary>
/// Progress through the lessons, kept in the browser's localStorage as JSON (no account). Unknown or
/// broken JSON reads as no progress.
/// </summary>
public sealed class LessonProgress
{
    public const string StorageKey = "commitlab.lessons.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Dictionary<string, LessonProgressEntry> Lessons { get; set; } = [];

    public static LessonProgress Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new LessonProgress();
        }

        try
        {
            var read = JsonSerializer.Deserialize<LessonProgress>(json, Json) ?? new LessonProgress();
            read.Lessons ??= [];
            return read;
        }
        catch (JsonException)
        {
            return new LessonProgress();
        }
    }

    public string Write() => JsonSerializer.Serialize(this, Json);

    /// <summary>"done", "in progress", or null for a lesson never opened.</summary>
    public string? Status(string slug) =>
        Lessons.TryGetValue(slug, out var entry) ? (entry.Done ? "done" : "in progress") : null;

    public LessonProgressEntry Open(string slug)
    {
        if (!Lessons.TryGetValue(slug, out var entry))
        {
            entry = new LessonProgressEntry();
            Lessons[slug] = entry;
        }

        return entry;
    }

    /// <summary>Records an answer; the lesson is done once every quiz in it is answered.</summary>
    public void Answer(LessonDocument lesson, string quizId, int option)
    {
        var entry = Open(lesson.Slug);
        entry.Answers[quizId] = option;
        entry.Done = lesson.Quizzes.All(q => entry.Answers.ContainsKey(q.Id));
    }
}
