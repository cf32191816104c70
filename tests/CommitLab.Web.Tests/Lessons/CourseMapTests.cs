using System.Collections.Immutable;
using CommitLab.Web.Lessons;

namespace CommitLab.Web.Tests.Lessons;

/// <summary>The course map groups lessons into parts in course order and tells a returning student where to go on.</summary>
public sealed class CourseMapTests
{
    private static LessonDocument Lesson(int order, string part) =>
        new($"lesson-{order}", $"Lesson {order}", order, 10, [], ImmutableArray<LessonSegment>.Empty) { Part = part };

    private static readonly LessonDocument[] Course =
        [Lesson(3, "Two-phase commit"), Lesson(1, "Two-phase commit"), Lesson(4, "Beyond blocking"), Lesson(2, "Two-phase commit")];

    [Fact]
    public void A_new_student_sees_the_parts_in_course_order_and_is_told_to_start_with_lesson_1()
    {
        var map = CourseMap.From(Course, new LessonProgress());

        Assert.Equal(["Two-phase commit", "Beyond blocking"], map.Parts.Select(p => p.Name));
        Assert.Equal([1, 2, 3], map.Parts[0].Lessons.Select(e => e.Lesson.Order));
        Assert.Equal("0 of 4 lessons done", map.Summary);
        Assert.Equal(("Start with", 1), (map.NextLabel, map.Next!.Order));
    }

    [Fact]
    public void A_returning_student_continues_with_the_first_lesson_not_done()
    {
        var progress = new LessonProgress();
        progress.Open("lesson-1").Done = true;
        progress.Open("lesson-2");

        var map = CourseMap.From(Course, progress);

        Assert.Equal("1 of 4 lessons done, 1 in progress", map.Summary);
        Assert.Equal(("Continue with", 2), (map.NextLabel, map.Next!.Order));
        Assert.Equal([true, false, false], map.Parts[0].Lessons.Select(e => e.Done));
    }

    [Fact]
    public void With_every_lesson_done_there_is_nowhere_left_to_go()
    {
        var progress = new LessonProgress();
        foreach (var lesson in Course)
        {
            progress.Open(lesson.Slug).Done = true;
        }

        var map = CourseMap.From(Course, progress);

        Assert.Equal("4 of 4 lessons done", map.Summary);
        Assert.Null(map.Next);
        Assert.Null(map.NextLabel);
    }

    [Fact]
    public void A_lesson_without_a_part_goes_under_lessons()
    {
        Assert.Equal(LessonDocument.DefaultPart, new LessonDocument("x", "X", 1, 5, [], []).Part);
    }
}
