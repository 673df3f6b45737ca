using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Saas.Modules.Applications.Features.Definitions;
using Saas.Modules.Applications.Features.FimImport;
using Saas.Platform.Metadata;

namespace Saas.Benchmarks;

/// <summary>
/// The largest fixture form on the portal (issue 14): the FIM schema ../shared/fixtures/fim/S00000186v1.0 imported as
/// an admin imports it (its code lists without a genericode file given one code each, as the draft's rules ask) and
/// published; on the real host over loopback HTTP (Kestrel on 127.0.0.1), one applicant's browser (cookies, no
/// redirects followed) fills its draft. One sample is what the applicant waits for on that step: the GET of the step
/// page (rendered with the answers so far and the server's check of them) plus the POST of the step with valid answers
/// for every field (multipart, as the page's form sends it, with the antiforgery token of that page; the files were
/// kept by the first post), on which the server validates the whole form and answers with the redirect to the
/// summary. Against the portal's start page (<c>/</c> of the authority) in the same run, the two alternating, the
/// first going first in even rounds; warmed up until the JIT is quiet. Target: p95 ratio ≤ 3.
/// </summary>
internal static partial class FormsBenchmark
{
    private const string Fixture = "S00000186v1.0/S00000186v1.0_xdf2.xml";
    private const int Rounds = 400;
    private const int WarmBatch = 40;
    private const int MaxWarmBatches = 30;

    public static async Task<bool> RunAsync()
    {
        var db = await TestDatabase.GetAsync();
        var tenant = await TestTenants.CreateAsync(db);
        var blobs = Path.Combine(Path.GetTempPath(), "saas-bench-blobs-" + Guid.NewGuid().ToString("N"));
        // One browser sends every request here: the limit per client (docs/adr/0036) would answer most of them with 429.
        await using var app = new SaasAppFactory(db, new Dictionary<string, string?>
        {
            ["ClientLimits:PermitsPerWindow"] = "1000000",
            ["Storage:FileSystem:Root"] = blobs,
        });
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);

        // The import, completed and published as the admin does it.
        var import = FimImporter.Import(Path.Combine(SaasAppFactory.RepositoryRoot, "..", "shared", "fixtures", "fim", Fixture));
        if (!import.Succeeded)
        {
            Console.WriteLine($"forms benchmark: the import of {Fixture} failed: {string.Join("; ", import.Errors)}");
            return false;
        }

        var spec = Completed(import.Spec!);
        var form = FormDefinition.Read(import.Key, spec);
        using (var scope = app.Services.CreateScope())
        {
            using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
            var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
            var draft = await store.SaveDraftAsync(FormYaml.Write(FormKind.Name, import.Key, spec), "bench");
            await store.PublishAsync([(draft.Kind, draft.Key)], "bench");
        }

        var values = FormValuesOf(form);
        var (fields, files) = Flatten(values);
        Console.WriteLine($"forms benchmark: {Fixture} ({form.Groups.Count} groups, {form.Fields.Count} fields, {form.CodeLists.Count} code lists; " +
            $"{import.MissingCodeLists.Count} completed with one code), one browser over loopback HTTP; a sample is GET step + POST step with " +
            $"{fields.Count} values, against GET of the start page; {Rounds} interleaved rounds");

        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer(), PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var browser = new HttpClient(handler) { BaseAddress = new Uri(new Uri(address), $"/t/{tenant.Key}/"), Timeout = TimeSpan.FromMinutes(2) };

        // The draft, and the first post with the files (small PDFs), so that every later post has its files kept.
        using var started = await browser.GetAsync($"antraege/{import.Key}");
        if (started.StatusCode != HttpStatusCode.Redirect)
        {
            Console.WriteLine($"  starting a draft answered {(int)started.StatusCode}: {await started.Content.ReadAsStringAsync()}");
            return false;
        }

        var step = started.Headers.Location!.OriginalString;
        var (first, _) = await StepAsync(browser, step, fields, files, withFiles: true);
        if (first != HttpStatusCode.Redirect)
        {
            Console.WriteLine($"  the first post of the step answered {(int)first}, not the redirect of valid answers");
            return false;
        }

        var get = new Samples();
        var post = new Samples();
        Func<int, Task> formSample = async _ =>
        {
            var (status, split) = await StepAsync(browser, step, fields, files, withFiles: false);
            if (status != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"the step's post answered {(int)status}");
            }

            get.Add(split.Get);
            post.Add(split.Post);
        };
        Func<int, Task> startPage = async _ =>
        {
            using var response = await browser.GetAsync("");
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"the start page answered {(int)response.StatusCode}");
            }
        };

        // Warm-up to the steady state of a running server: batches of both until a batch's JIT time is below 2 % of it.
        var warm = Stopwatch.StartNew();
        var batches = 0;
        while (batches < MaxWarmBatches)
        {
            var (jitBefore, batchStart) = (JitInfo.GetCompilationTime(), Stopwatch.GetTimestamp());
            await Samples.InterleaveAsync(WarmBatch, 0, formSample, startPage);
            batches++;
            if (batches >= 3 && (JitInfo.GetCompilationTime() - jitBefore) < Stopwatch.GetElapsedTime(batchStart) * 0.02)
            {
                break;
            }
        }

        Console.WriteLine($"  warm-up: {batches} batches of {WarmBatch} rounds in {warm.Elapsed.TotalSeconds:F0} s until the JIT was quiet " +
            $"({JitInfo.GetCompiledMethodCount():N0} methods compiled, {JitInfo.GetCompilationTime().TotalSeconds:F1} s JIT time so far)");

        get = new Samples();
        post = new Samples();
        var jit = JitInfo.GetCompilationTime();
        var (formSamples, startSamples) = await Samples.InterleaveAsync(Rounds, 0, formSample, startPage);
        jit = JitInfo.GetCompilationTime() - jit;
        var ratio = formSamples.Percentile(95) / startSamples.Percentile(95);
        Console.WriteLine($"  {Rounds} measured rounds (JIT time in them: {jit.TotalMilliseconds:F0} ms)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  start page GET:              p50 {startSamples.Percentile(50) / 1000,7:F2} ms  p95 {startSamples.Percentile(95) / 1000,7:F2} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  form step GET + POST:        p50 {formSamples.Percentile(50) / 1000,7:F2} ms  p95 {formSamples.Percentile(95) / 1000,7:F2} ms  ratio p50 {formSamples.Percentile(50) / startSamples.Percentile(50):F2} p95 {ratio:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    of which GET (render):     p50 {get.Percentile(50) / 1000,7:F2} ms  p95 {get.Percentile(95) / 1000,7:F2} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    of which POST (validate):  p50 {post.Percentile(50) / 1000,7:F2} ms  p95 {post.Percentile(95) / 1000,7:F2} ms"));
        Console.WriteLine($"  target p95 ratio <= 3: {(ratio <= 3 ? "OK" : "MISSED")} ({ratio:F2})");
        Directory.Delete(blobs, recursive: true);
        return ratio <= 3;
    }

    /// <summary>GET of the step page, then the POST of its form with the answers (and, the first time, the files); the status of the post and both times.</summary>
    private static async Task<(HttpStatusCode Status, (TimeSpan Get, TimeSpan Post) Split)> StepAsync(HttpClient browser, string step, List<(string Name, string Value)> fields,
        List<string> files, bool withFiles)
    {
        var started = Stopwatch.GetTimestamp();
        string html;
        using (var page = await browser.GetAsync(step))
        {
            html = await page.Content.ReadAsStringAsync();
            if (page.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"the step page answered {(int)page.StatusCode}");
            }
        }

        var got = Stopwatch.GetTimestamp();
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery(html)), "__RequestVerificationToken" },
            { new StringContent("weiter"), "aktion" },
        };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        // A browser sends every file input: empty (no name, no bytes) when no file was chosen.
        foreach (var file in files)
        {
            var bytes = new ByteArrayContent(withFiles ? OneLinePdf.Create("Nachweis") : []);
            bytes.Headers.ContentType = new MediaTypeHeaderValue(withFiles ? "application/pdf" : "application/octet-stream");
            bytes.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{file}\"", FileName = withFiles ? "\"nachweis.pdf\"" : "\"\"" };
            content.Add(bytes);
        }

        using var response = await browser.PostAsync(step, content);
        var body = await response.Content.ReadAsStringAsync();
        var done = Stopwatch.GetTimestamp();
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            Console.WriteLine($"  the step's post answered {(int)response.StatusCode}; errors shown: " +
                string.Join("; ", ShownError().Matches(body).Take(10).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))));
        }

        return (response.StatusCode, (Stopwatch.GetElapsedTime(started, got), Stopwatch.GetElapsedTime(got, done)));
    }

    private static string Antiforgery(string html) => AntiforgeryToken().Match(html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("the step page has no antiforgery token");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<li><a class=\"kern-link\" href=\"#[^\"]*\">([^<]*)</a></li>")]
    private static partial Regex ShownError();

    /// <summary>The imported spec as the admin completes it: a code list whose genericode file was not beside the schema gets one code.</summary>
    private static JsonObject Completed(JsonObject spec)
    {
        var copy = spec.DeepClone().AsObject();
        foreach (var list in copy["codeLists"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            if (list["codes"] is JsonArray { Count: 0 } codes)
            {
                codes.Add(new JsonObject { ["code"] = "bench", ["label"] = new JsonObject { ["de"] = "Benchmark" } });
            }
        }

        return copy;
    }

    /// <summary>The post's values (name, value) in the page's field names, and the names of its file inputs.</summary>
    private static (List<(string Name, string Value)> Fields, List<string> Files) Flatten(JsonObject values)
    {
        var fields = new List<(string, string)>();
        var files = new List<string>();
        void Walk(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject file when file.ContainsKey("evidence"):
                    files.Add(path);
                    break;
                case JsonObject group:
                    foreach (var (key, child) in group)
                    {
                        Walk(child, path.Length == 0 ? key : path + "." + key);
                    }

                    break;
                case JsonArray { Count: > 0 } array when array[0] is JsonObject:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], $"{path}[{i}]");
                    }

                    break;
                case JsonArray choices:
                    foreach (var choice in choices)
                    {
                        Walk(choice, path);
                    }

                    break;
                case JsonValue value:
                    fields.Add((path, value.ToString()));
                    break;
            }
        }

        Walk(values, "");
        return (fields, files);
    }

    private static readonly string[] TextCandidates =
        ["Muster", "12345", "max.mustermann@example.org", "A", "1", "Ab", "ABC123", "Musterstraße 1", "M", "0123456789", "DE12345678901234567890"];

    /// <summary>
    /// Valid answers built from the definition alone (as the module's tests build them, FimFixtures.ValidValues): every
    /// group given (a repeating one with its minimum entries, at least one), each field a value that keeps its rules.
    /// </summary>
    private static JsonObject FormValuesOf(FormDefinition form) => Level(form, null);

    private static JsonObject Level(FormDefinition form, FormGroup? group)
    {
        var values = new JsonObject();
        foreach (var field in form.Fields.Where(f => group is null ? form.GroupOf(f.Group) is null : f.Group == group.Key))
        {
            if (field.TakesInput && ValueOf(form, field) is { } value)
            {
                values[field.Key] = field.Multiple ? new JsonArray(value) : value;
            }
        }

        foreach (var child in form.Groups.Where(g => group is null ? form.GroupOf(g.Parent) is null : g.Parent == group.Key))
        {
            if (child.Repeats)
            {
                var entries = new JsonArray();
                for (var i = 0; i < Math.Max(child.Min, 1); i++)
                {
                    entries.Add(Level(form, child));
                }

                values[child.Key] = entries;
            }
            else
            {
                values[child.Key] = Level(form, child);
            }
        }

        return values;
    }

    private static JsonNode? ValueOf(FormDefinition form, FormField field) => field.Type switch
    {
        FormFieldType.Text or FormFieldType.Multiline => TextCandidates.FirstOrDefault(t => Fits(field, t)) is { } text ? JsonValue.Create(text) : null,
        FormFieldType.Number or FormFieldType.Decimal => JsonValue.Create((field.Minimum ?? Math.Min(1, field.Maximum ?? 1)).ToString(CultureInfo.InvariantCulture)),
        FormFieldType.Date => JsonValue.Create((field.MinDate ?? (field.MaxDate is { } max && max < new DateOnly(2000, 1, 1) ? max : new DateOnly(2000, 1, 1))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        FormFieldType.Boolean => JsonValue.Create("true"),
        FormFieldType.Select => JsonValue.Create(form.CodeListOf(field.CodeList)!.Codes[0].Code),
        FormFieldType.File => new JsonObject { ["evidence"] = "" },
        _ => null,
    };

    private static bool Fits(FormField field, string text) =>
        text.Length >= (field.MinLength ?? 0) && text.Length <= (field.MaxLength ?? int.MaxValue)
        && (field.Pattern is null || Regex.IsMatch(text, "^(?:" + field.Pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
}
