using System.Collections.Immutable;
using CommitLab.Web.Lab;

namespace CommitLab.Web.Lessons;

/// <summary>
/// The lessons shipped in <c>lessons/</c> (copied next to the app), read once at start-up in their
/// <c>order</c>. A broken file is logged and left out.
/// </summary>
public sealed class LessonLibrary
{
    public LessonLibrary(string folder, ScenarioLibrary scenarios, ILogger<LessonLibrary>? log = null)
    {
        var found = new List<LessonDocument>();
        if (Directory.Exists(folder))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
            {
                try
                {
                    found.Add(LessonParser.ParseFile(path, name => scenarios.Find(name)?.Scenario));
                }
                catch (LessonException e)
                {
                    log?.LogError("Lesson {Path} is broken and left out: {Error}", path, e.Message);
                }
            }
        }
        else
        {
            log?.LogWarning("No lesson folder at {Folder}", folder);
        }

        Lessons = [.. found.OrderBy(l => l.Order).ThenBy(l => l.Slug, StringComparer.Ordinal)];
    }

    public ImmutableArray<LessonDocument> Lessons { get; }

    public LessonDocument? Find(string slug) => Lessons.FirstOrDefault(l => string.Equals(l.Slug, slug, StringComparison.OrdinalIgnoreCase));

    public (LessonDocument? Previous, LessonDocument? Next) Neighbours(LessonDocument lesson)
    {
        var i = Lessons.IndexOf(lesson);
        return (i > 0 ? Lessons[i - 1] : null, i >= 0 && i < Lessons.Length - 1 ? Lessons[i + 1] : null);
    }

    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "lessons");
}
