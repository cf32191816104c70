using MudBlazor;

namespace CommitLab.Web.Generals;

/// <summary>
/// The batch charts' data for MudChart: the loss rates along the x axis and one series per protocol
/// length. Each line is told apart by its dash as well as its colour (generals.css gives the n-th
/// line and the n-th legend entry the same dash), so no line is known by colour alone.
/// </summary>
public static class BatchLines
{
    /// <summary>The x axis's labels: each loss rate of the batch, in percent.</summary>
    public static string[] Labels(BatchView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Series.Length == 0
            ? []
            : [.. view.Series[0].Points.Select(p => $"{p.LossPercent.ToString("0", System.Globalization.CultureInfo.InvariantCulture)}%")];
    }

    /// <summary>One chart series per protocol length, plotting the measure <paramref name="value"/> picks.</summary>
    public static List<ChartSeries<double>> Series(BatchView view, Func<RatePoint, double> value)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(value);
        return [.. view.Series.Select(s => new ChartSeries<double> { Name = s.Title, Data = new ChartData<double>([.. s.Points.Select(value)]) })];
    }
}
