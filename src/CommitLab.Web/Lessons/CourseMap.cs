using System.Collections.Immutable;

namespace CommitLab.Web.Lessons;

/// <summary>One lesson on the course map: the lesson and how far this browser has got with it.</summary>
public sealed record CourseMapEntry(LessonDocument Lesson, string? Status)
{
    public bool Done => Status == "done";
}

/// <summary>One part of the course, its lessons in order.</summary>
public sealed record CoursePart(string Name, ImmutableArray<CourseMapEntry> Lessons);

/// <summary>
/// The course at a glance: lessons grouped into their parts in course order, how many are done or
/// under way, and where to go next (the first lesson not done), so a student coming back knows at
/// once where they left off.
/// </summary>
public sealed record CourseMap(ImmutableArray<CoursePart> Parts, int Done, int InProgress, int Total, LessonDocument? Next)
{
    public static CourseMap From(IEnumerable<LessonDocument> lessons, LessonProgress progress)
    {
        ArgumentNullException.ThrowIfNull(lessons);
        ArgumentNullException.ThrowIfNull(progress);
        var entries = lessons.OrderBy(l => l.Order).Select(l => new CourseMapEntry(l, progress.Status(l.Slug))).ToImmutableArray();

        // Parts keep the order of their first lesson, so a course reads top to bottom.
        var parts = entries
            .GroupBy(e => e.Lesson.Part)
            .Select(g => new CoursePart(g.Key, [.. g]))
            .ToImmutableArray();
        var done = entries.Count(e => e.Done);
        var started = entries.Count(e => e.Status is not null && !e.Done);
        var next = entries.FirstOrDefault(e => !e.Done)?.Lesson;
        return new CourseMap(parts, done, started, entries.Length, next);
    }

    /// <summary>The summary line, e.g. "3 of 9 lessons done, 1 in progress".</summary>
    public string Summary =>
        InProgress == 0 ? $"{Done} of {Total} lessons done" : $"{Done} of {Total} lessons done, {InProgress} in progress";

    /// <summary>What the "go on" link says: start, continue, or nothing when every lesson is done.</summary>
    public string? NextLabel => Next is null ? null : (Done == 0 && InProgress == 0 ? "Start with" : "Continue with");
}
