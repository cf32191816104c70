using Radzen.Blazor;

namespace CommitLab.Web.Generals;

/// <summary>
/// How each protocol length's line is drawn in the batch charts and their legend: the first four
/// differ by marker, after that the dash pattern changes too, so no line is told apart by colour alone.
/// </summary>
public static class BatchLines
{
    private static readonly MarkerType[] Markers = [MarkerType.Circle, MarkerType.Triangle, MarkerType.Square, MarkerType.Diamond];

    public static MarkerType MarkerFor(int emails) => Markers[(emails - 1) % Markers.Length];

    public static LineType LineFor(int emails) => ((emails - 1) / Markers.Length) switch
    {
        0 => LineType.Solid,
        1 => LineType.Dashed,
        _ => LineType.Dotted,
    };

    /// <summary>The legend swatch's SVG dash pattern for a line, or null for a solid one.</summary>
    public static string? DashFor(int emails) => LineFor(emails) switch
    {
        LineType.Dashed => "5 3",
        LineType.Dotted => "1.5 2.5",
        _ => null,
    };
}
