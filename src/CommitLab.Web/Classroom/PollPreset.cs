using System.Collections.Immutable;

namespace CommitLab.Web.Classroom;

/// <summary>A ready-made question for the console: the text, its answers and, when known, the right one.</summary>
public sealed record PollPreset(string Question, ImmutableArray<string> Options, int? Correct);
