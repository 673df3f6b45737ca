using System.Net;
using Microsoft.AspNetCore.Mvc;

namespace Saas.Platform.Errors;

/// <summary>A message for people, in German and English.</summary>
public sealed record LocalizedText(string German, string English)
{
    public string For(CultureInfo culture) =>
        culture?.TwoLetterISOLanguageName == "en" ? English : German;
}

/// <summary>
/// RFC 9457 problem details for APIs, and a plain page for browsers, with the message in the person's language
/// (German unless they asked for English). Never carries a stack trace.
/// </summary>
public static class Problems
{
    public const string TypeBase = "https://saas.example/problems/";

    public static LocalizedText Text(string german, string english) => new(german, english);

    public static ProblemDetails Create(HttpContext context, int status, string code, LocalizedText title, string? detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(title);
        var problem = new ProblemDetails
        {
            Type = TypeBase + code,
            Title = title.For(CultureInfo.CurrentUICulture),
            Status = status,
            Detail = detail,
            Instance = context.Request.PathBase + context.Request.Path,
        };
        problem.Extensions["code"] = code;
        problem.Extensions["traceId"] = context.TraceIdentifier;
        return problem;
    }

    public static async Task WriteAsync(HttpContext context, int status, string code, LocalizedText title, string? detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = Create(context, status, code, title, detail);
        context.Response.StatusCode = status;
        if (WantsHtml(context.Request))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            var lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "de";
            await context.Response.WriteAsync($"""
                <!doctype html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{WebUtility.HtmlEncode(problem.Title)}</title><link rel="stylesheet" href="/css/site.css"></head>
                <body><main class="kern-container" id="main"><h1 class="kern-heading-large">{WebUtility.HtmlEncode(problem.Title)}</h1>
                <p class="kern-body">{WebUtility.HtmlEncode(detail ?? "")}</p><p class="kern-body"><small>{status} · {WebUtility.HtmlEncode(context.TraceIdentifier)}</small></p>
                <p><a class="kern-link" href="/">{(lang == "en" ? "Back to the start page" : "Zur Startseite")}</a></p></main></body></html>
                """);
            return;
        }

        context.Response.ContentType = "application/problem+json";
        await JsonSerializer.SerializeAsync(context.Response.Body, problem, JsonOptions, context.RequestAborted);
    }

    internal static bool WantsHtml(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("text/html", StringComparison.OrdinalIgnoreCase)
               && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

/// <summary>An error a person caused (bad input, missing record) that must reach them as a clear message.</summary>
public class SaasProblemException(int status, string code, LocalizedText title, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(title?.English)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public LocalizedText Title { get; } = title ?? throw new ArgumentNullException(nameof(title));

    public string? Detail { get; } = detail;

    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;
}
