using System.Net;
using Microsoft.AspNetCore.Mvc;

namespace Saas.Platform.Errors;

/// <summary>
/// RFC 9457 problem details for APIs, and a page in the authority's frame for browsers, with the title in the person's language
/// (from the text catalogue, docs/adr/0012). Never carries a stack trace.
/// </summary>
public static class Problems
{
    public const string TypeBase = "https://saas.example/problems/";

    public static ProblemDetails Create(HttpContext context, int status, string code, LocalizedText title, string? detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(title);
        var texts = context.RequestServices.GetRequiredService<ITexts>();
        var problem = new ProblemDetails
        {
            Type = TypeBase + code,
            Title = texts.Format(title),
            Status = status,
            Detail = detail,
            Instance = context.Request.PathBase + context.Request.Path,
        };
        problem.Extensions["code"] = code;
        problem.Extensions["traceId"] = context.TraceIdentifier;
        // The fields a request got wrong, each with its messages in the reader's language (RFC 9457 extension member).
        if (context.Items["problem-errors"] is IReadOnlyDictionary<string, string[]> { Count: > 0 } errors)
        {
            problem.Extensions["errors"] = errors;
        }

        if (context.Items["problem-extensions"] is IReadOnlyDictionary<string, object?> { Count: > 0 } members)
        {
            foreach (var (name, value) in members)
            {
                problem.Extensions.TryAdd(name, value);
            }
        }

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
            await context.Response.WriteAsync(Page(context, status, problem.Title ?? "", detail));
            return;
        }

        context.Response.ContentType = "application/problem+json";
        await JsonSerializer.SerializeAsync(context.Response.Body, problem, JsonOptions, context.RequestAborted);
    }

    /// <summary>
    /// The page a browser gets: in the authority's frame (its name, the KERN styles of every page, a way back to its own
    /// start page) and the person's language. The trace id is a reference for the service desk only where the fault is
    /// ours (5xx); a page that does not exist or a missing permission needs none.
    /// </summary>
    private static string Page(HttpContext context, int status, string title, string? detail)
    {
        var texts = context.RequestServices.GetRequiredService<ITexts>();
        var language = texts.Current;
        var tenant = context.GetTenant();
        string E(string value) => WebUtility.HtmlEncode(value);
        var frame = tenant?.Name ?? texts["platform.error.platform-name"];
        var home = tenant is null ? "/" : tenant.PathBase + "/";
        var reference = status >= 500
            ? $"""<p class="kern-body kern-body--small">{E(texts.Format(LocalizedText.Of("platform.error.reference", ("reference", context.TraceIdentifier))))}</p>"""
            : "";
        return $"""
            <!doctype html>
            <html lang="{language.Tag}" dir="{language.Direction}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} – {E(frame)}</title>
            <link rel="stylesheet" href="/lib/kern/fonts/fira-sans.css"><link rel="stylesheet" href="/lib/kern/kern.min.css"><link rel="stylesheet" href="/css/site.css"></head>
            <body>
            <a class="saas-skip kern-link" href="#main">{E(texts["platform.error.skip-to-content"])}</a>
            <header class="saas-header"><div class="kern-container"><p class="kern-title">{E(frame)}</p></div></header>
            <main id="main" class="kern-container" tabindex="-1">
            <h1 class="kern-heading-large">{E(title)}</h1>
            {(string.IsNullOrWhiteSpace(detail) ? "" : $"<p class=\"kern-body\">{E(detail)}</p>")}
            {reference}
            <p class="kern-body"><a class="kern-link" href="{E(home)}">{E(texts["platform.back-to-start"])}</a></p>
            </main>
            </body>
            </html>
            """;
    }

    internal static bool WantsHtml(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("text/html", StringComparison.OrdinalIgnoreCase)
               && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

/// <summary>
/// The problems a module can answer with, one factory per code (each module keeps its catalogue in one class,
/// e.g. <c>CasesProblems</c>). The title is the text <c>problem.{code}</c>, so a code has one text everywhere;
/// arguments fill its placeholders.
/// </summary>
public static class Problem
{
    public static LocalizedText Title(string code, params (string Name, object? Value)[] arguments) => LocalizedText.Of("problem." + code, arguments);

    public static SaasProblemException BadRequest(string code, string? detail = null, params (string Name, object? Value)[] arguments) =>
        new(StatusCodes.Status400BadRequest, code, Title(code, arguments), detail);

    public static SaasProblemException NotFound(string code, string? detail = null, params (string Name, object? Value)[] arguments) =>
        new(StatusCodes.Status404NotFound, code, Title(code, arguments), detail);

    public static SaasProblemException Conflict(string code, string? detail = null, params (string Name, object? Value)[] arguments) =>
        new(StatusCodes.Status409Conflict, code, Title(code, arguments), detail);

    public static SaasProblemException Unprocessable(string code, string? detail = null, params (string Name, object? Value)[] arguments) =>
        new(StatusCodes.Status422UnprocessableEntity, code, Title(code, arguments), detail);

    public static SaasProblemException TooLarge(string code, string? detail = null, params (string Name, object? Value)[] arguments) =>
        new(StatusCodes.Status413PayloadTooLarge, code, Title(code, arguments), detail);

    /// <summary>429: a limit of the person or client is reached (bookings per e-mail address, per person).</summary>
    public static SaasProblemException TooManyRequests(string code, string? detail = null, params (string Name, object? Value)[] arguments) =>
        new(StatusCodes.Status429TooManyRequests, code, Title(code, arguments), detail);

    public static SaasProblemException UnsupportedType(string code, string? detail = null, params (string Name, object? Value)[] arguments) =>
        new(StatusCodes.Status415UnsupportedMediaType, code, Title(code, arguments), detail);
}

/// <summary>An error a person caused (bad input, missing record) that must reach them as a clear message.</summary>
public class SaasProblemException(int status, string code, LocalizedText title, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(code + (detail is null ? "" : ": " + detail))
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public LocalizedText Title { get; } = title ?? throw new ArgumentNullException(nameof(title));

    public string? Detail { get; } = detail;

    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>Further members of the problem (RFC 9457 extensions), e.g. the free slots offered instead of a taken one.</summary>
    public IReadOnlyDictionary<string, object?> Extensions => extensions;

    private readonly Dictionary<string, object?> extensions = new(StringComparer.Ordinal);

    /// <summary>Adds an extension member (camelCase name) and returns the same problem.</summary>
    public SaasProblemException WithExtension(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        extensions[name] = value;
        return this;
    }
}
