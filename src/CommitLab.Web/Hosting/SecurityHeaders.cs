using System.Security.Cryptography;

namespace CommitLab.Web.Hosting;

/// <summary>
/// The headers every response carries so that a page of CommitLab cannot be made to run someone
/// else's script, be framed by another site, or hand a console address (with its key) to other sites
/// in a Referer. Scripts come only from this server; the one inline script (the import map Blazor
/// writes into the page head) carries a per-response nonce. Styles allow inline attributes and
/// elements because Blazor and MudBlazor set element styles (bar widths, popover positions) that way
/// and MudThemeProvider writes its palette into a &lt;style&gt; element; styles cannot run code. No
/// nonce goes into style-src: with one there, browsers would ignore 'unsafe-inline' and drop both.
/// 'wasm-unsafe-eval' lets the student page's .NET runtime compile its WebAssembly; it admits no
/// evaluation of script text.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "commitlab.csp-nonce";

    /// <summary>The nonce this response's Content-Security-Policy allows inline scripts with.</summary>
    public static string Nonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[NonceKey] is string nonce)
        {
            return nonce;
        }

        // Hex, not base64: '+' would be HTML-encoded in the attribute (harmless to browsers, but the
        // page would no longer carry the header's nonce byte for byte), and hex is valid CSP base64.
        nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    /// <summary>The policy for one response. The circuit's WebSocket goes to this same host.</summary>
    public static string Policy(string nonce, HostString host) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; " +
        $"connect-src 'self' ws://{host} wss://{host}; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>Adds the headers to every response, before anything else writes to it.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy(Nonce(context), context.Request.Host);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
}
