using System.Collections.Concurrent;
using QRCoder;

namespace CommitLab.Web.Classroom;

/// <summary>
/// The join link as a QR code, in SVG (crisp on any projector, no image library needed). Always
/// black on white whatever the page's colour scheme: phone cameras read that best. Cached, since
/// every console render asks for the same few codes.
/// </summary>
public static class JoinQr
{
    private const int MaxCached = 256;

    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Svg(string url)
    {
        if (Cache.TryGetValue(url, out var svg))
        {
            return svg;
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        svg = new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        if (Cache.Count >= MaxCached)
        {
            Cache.Clear();
        }

        Cache[url] = svg;
        return svg;
    }
}
