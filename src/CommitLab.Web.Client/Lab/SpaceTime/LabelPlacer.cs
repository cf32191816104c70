namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>
/// Remembers where arrow labels went, so the next one can avoid them: a blocked run sends a burst of
/// requests every few hundred milliseconds, and labels stacked on each other are unreadable. Boxes
/// are bucketed in a coarse grid, so checking stays cheap for thousands of arrows.
/// </summary>
internal sealed class LabelPlacer
{
    private const double Cell = 64;
    private readonly Dictionary<(int, int), List<(double X1, double Y1, double X2, double Y2)>> cells = new();

    /// <summary>Whether a box centred at (<paramref name="cx"/>, <paramref name="cy"/>) overlaps no placed label.</summary>
    public bool Fits(double cx, double cy, double width, double height)
    {
        var (x1, y1, x2, y2) = (cx - (width / 2), cy - (height / 2), cx + (width / 2), cy + (height / 2));
        for (var i = Floor(x1); i <= Floor(x2); i++)
        {
            for (var j = Floor(y1); j <= Floor(y2); j++)
            {
                if (!cells.TryGetValue((i, j), out var boxes))
                {
                    continue;
                }

                foreach (var b in boxes)
                {
                    if (x1 < b.X2 && b.X1 < x2 && y1 < b.Y2 && b.Y1 < y2)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    public void Take(double cx, double cy, double width, double height)
    {
        var box = (cx - (width / 2), cy - (height / 2), cx + (width / 2), cy + (height / 2));
        for (var i = Floor(box.Item1); i <= Floor(box.Item3); i++)
        {
            for (var j = Floor(box.Item2); j <= Floor(box.Item4); j++)
            {
                if (!cells.TryGetValue((i, j), out var boxes))
                {
                    boxes = new List<(double, double, double, double)>();
                    cells[(i, j)] = boxes;
                }

                boxes.Add(box);
            }
        }
    }

    private static int Floor(double v) => (int)Math.Floor(v / Cell);
}
