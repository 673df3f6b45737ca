using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Metadata;
using Saas.Platform.Storage;

namespace Saas.Benchmarks;

/// <summary>
/// Submissions with evidence (issue 14, docs/adr/0042), on the real host over loopback HTTP (Kestrel on 127.0.0.1):
/// one submission is the upload of a 1 MB PDF (a page of text and a scanned image, each upload's bytes unique as real
/// files are) to <c>POST /api/applications/{form}/evidence</c> — type by content, the e-Akte's checks of a PDF (script,
/// page sizes, pdfinfo and pdftotext), verified blob write, row — and then <c>POST …/submissions</c> with the answers
/// naming it (validation, claim of the file, submission, audit and event in one transaction). The form is Nürnberg's
/// sample (tenants/nuernberg/forms/verlaengerung-beschaeftigung.yaml) without its <c>intake</c>: filing into the e-Akte
/// is a job of its own after the submission, not part of it. Against the platform's blob store alone (the host's
/// <see cref="IBlobStore"/>, the file system) storing the same bytes, in the same process, with the same
/// <see cref="Concurrency"/> concurrent workers. Warmed up until the JIT is quiet; then rounds alternate the two,
/// and each side's median rate counts. Target: ≥ 0.5 × the blob store's rate.
/// </summary>
internal static class SubmitBenchmark
{
    private const string FormKey = "verlaengerung-beschaeftigung";
    private const string Field = "aufenthalt.arbeitsvertrag";
    private const int Concurrency = 4;
    private const int ApiPerWorker = 10;
    private const int BlobPerWorker = 40;
    private const int WarmPerWorker = 5;
    private const int Rounds = 5;
    private const int MaxWarmRounds = 40;

    public static async Task<bool> RunAsync()
    {
        var db = await TestDatabase.GetAsync();
        var tenant = await TestTenants.CreateAsync(db);
        var root = Path.Combine(Path.GetTempPath(), "saas-bench-blobs-" + Guid.NewGuid().ToString("N"));
        // One client sends every request here: the limit per client (docs/adr/0036) would answer most of them with 429.
        await using var app = new SaasAppFactory(db, new Dictionary<string, string?>
        {
            ["ClientLimits:PermitsPerWindow"] = "1000000",
            ["Storage:FileSystem:Root"] = root,
        });
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        using (var scope = app.Services.CreateScope())
        {
            using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
            var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
            var yaml = await File.ReadAllTextAsync(Path.Combine(SaasAppFactory.RepositoryRoot, "tenants", "nuernberg", "forms", FormKey + ".yaml"));
            var draft = await store.SaveDraftAsync(WithoutIntake(yaml), "bench");
            await store.PublishAsync([(draft.Kind, draft.Key)], "bench");
        }

        var pdf = EvidencePdf.Create();
        Console.WriteLine($"submit benchmark: evidence upload + submission of {FormKey} with a {pdf.Template.Length:N0}-byte PDF, {Concurrency} concurrent clients over loopback HTTP, " +
            $"against IBlobStore.PutAsync of the same bytes with {Concurrency} concurrent workers; {Rounds} rounds of {Concurrency * ApiPerWorker} submissions and {Concurrency * BlobPerWorker} puts");

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 100, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(new Uri(address), $"/t/{tenant.Key}/api/applications/{FormKey}/"), Timeout = TimeSpan.FromMinutes(2) };
        var blobs = app.Services.GetRequiredService<IBlobStore>();
        var currentTenant = app.Services.GetRequiredService<ICurrentTenant>();
        var api = new Api(client, pdf);

        // Warm-up to the steady state of a running server: both sides untimed until a round's JIT time is below 2 % of it.
        var warm = Stopwatch.StartNew();
        var warmRounds = 0;
        while (warmRounds < MaxWarmRounds)
        {
            var (jitBefore, roundStart) = (JitInfo.GetCompilationTime(), Stopwatch.GetTimestamp());
            await api.RunAsync(WarmPerWorker, null);
            await BlobRunAsync(blobs, currentTenant, tenant, pdf, WarmPerWorker * 4);
            warmRounds++;
            if (warmRounds >= 2 && (JitInfo.GetCompilationTime() - jitBefore) < Stopwatch.GetElapsedTime(roundStart) * 0.02)
            {
                break;
            }
        }

        Console.WriteLine($"  warm-up: {warmRounds} rounds of both in {warm.Elapsed.TotalSeconds:F0} s until the JIT was quiet " +
            $"({JitInfo.GetCompiledMethodCount():N0} methods compiled, {JitInfo.GetCompilationTime().TotalSeconds:F1} s JIT time so far)");

        var apiRates = new List<double>();
        var blobRates = new List<double>();
        var splits = new Splits();
        // CPU time per side: the machine, this process (host and client), PostgreSQL, and the rest (pdfinfo, pdftotext, kernel).
        var apiCpu = default(MachineCpu);
        var blobCpu = default(MachineCpu);
        var jit = JitInfo.GetCompilationTime();
        for (var round = 0; round < Rounds; round++)
        {
            for (var k = 0; k < 2; k++)
            {
                var before = MachineCpu.Now();
                if ((round + k) % 2 == 0)
                {
                    apiRates.Add(await api.RunAsync(ApiPerWorker, splits));
                    apiCpu += MachineCpu.Now() - before;
                }
                else
                {
                    blobRates.Add(await BlobRunAsync(blobs, currentTenant, tenant, pdf, BlobPerWorker));
                    blobCpu += MachineCpu.Now() - before;
                }
            }
        }

        jit = JitInfo.GetCompilationTime() - jit;
        var apiMedian = Median(apiRates);
        var blobMedian = Median(blobRates);
        var ratio = apiMedian / blobMedian;
        Console.WriteLine($"  {Rounds} measured rounds of each, alternating (JIT time in them: {jit.TotalMilliseconds:F0} ms)");
        Console.WriteLine($"  blob store alone, PutAsync of 1 MB:            {Rates(blobRates)} /s (median {blobMedian:F1})");
        Console.WriteLine($"  API, evidence upload + submission:             {Rates(apiRates)} /s (median {apiMedian:F1}), ratio {ratio:F2}, target >= 0.5: {(ratio >= 0.5 ? "OK" : "MISSED")}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  API latency under {Concurrency} clients: upload p50 {splits.Upload.Percentile(50) / 1000:F1} ms p95 {splits.Upload.Percentile(95) / 1000:F1} ms, submission p50 {splits.Submit.Percentile(50) / 1000:F1} ms p95 {splits.Submit.Percentile(95) / 1000:F1} ms"));
        Console.WriteLine("  CPU per operation:");
        Console.WriteLine($"    blob store: {blobCpu.PerPage(blobRates.Count * Concurrency * (double)BlobPerWorker)}");
        Console.WriteLine($"    API:        {apiCpu.PerPage(apiRates.Count * Concurrency * (double)ApiPerWorker)}");
        Directory.Delete(root, recursive: true);
        return ratio >= 0.5;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Rates(IEnumerable<double> rates) => string.Join(", ", rates.Select(r => r.ToString("F1", CultureInfo.InvariantCulture)));

    /// <summary>The form as published without its <c>intake</c> section (the last of its spec).</summary>
    private static string WithoutIntake(string yaml)
    {
        var at = yaml.IndexOf("\n  intake:", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("the sample form has no intake section any more");
        }

        var rest = yaml[(at + 1)..].Split('\n').Skip(1).SkipWhile(l => l.Length == 0 || l.StartsWith("    ", StringComparison.Ordinal) || l.TrimStart().StartsWith('#'));
        return yaml[..(at + 1)] + string.Join('\n', rest);
    }

    /// <summary>Puts per second of <paramref name="perWorker"/> unique copies of the PDF by each of the workers; the blobs are deleted afterwards, untimed.</summary>
    private static async Task<double> BlobRunAsync(IBlobStore blobs, ICurrentTenant currentTenant, TenantInfo tenant, EvidencePdf pdf, int perWorker)
    {
        var stored = new System.Collections.Concurrent.ConcurrentBag<string>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            using var begun = currentTenant.Begin(tenant);
            for (var i = 0; i < perWorker; i++)
            {
                using var content = new MemoryStream(pdf.Unique(), writable: false);
                stored.Add((await blobs.PutAsync(content)).Sha256);
            }
        })));
        watch.Stop();
        using (currentTenant.Begin(tenant))
        {
            foreach (var sha in stored)
            {
                await blobs.DeleteAsync(sha);
            }
        }

        return Concurrency * perWorker / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Upload and submission latencies, as the clients saw them.</summary>
    private sealed class Splits
    {
        public Samples Upload { get; } = new();

        public Samples Submit { get; } = new();
    }

    /// <summary>The applicant's side: upload the file, then submit the answers naming it, with an Idempotency-Key of its own.</summary>
    private sealed class Api(HttpClient client, EvidencePdf pdf)
    {
        public async Task<double> RunAsync(int perWorker, Splits? splits)
        {
            var latencies = new System.Collections.Concurrent.ConcurrentBag<(TimeSpan Upload, TimeSpan Submit)>();
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
            {
                for (var i = 0; i < perWorker; i++)
                {
                    latencies.Add(await SubmitAsync());
                }
            })));
            watch.Stop();
            foreach (var (upload, submit) in latencies)
            {
                splits?.Upload.Add(upload);
                splits?.Submit.Add(submit);
            }

            return Concurrency * perWorker / watch.Elapsed.TotalSeconds;
        }

        private async Task<(TimeSpan Upload, TimeSpan Submit)> SubmitAsync()
        {
            var started = Stopwatch.GetTimestamp();
            var file = new ByteArrayContent(pdf.Unique());
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            using var form = new MultipartFormDataContent { { new StringContent(Field), "field" }, { file, "file", "arbeitsvertrag.pdf" } };
            using var uploaded = await client.PostAsync("evidence", form);
            var kept = await uploaded.Content.ReadAsStringAsync();
            if (uploaded.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"the evidence upload answered {(int)uploaded.StatusCode}: {kept}");
            }

            var view = JsonDocument.Parse(kept).RootElement;
            var evidence = new
            {
                evidence = view.GetProperty("id").GetString(),
                name = view.GetProperty("name").GetString(),
                contentType = view.GetProperty("contentType").GetString(),
                bytes = view.GetProperty("bytes").GetInt64(),
            };
            var values = new
            {
                antragsteller = new { familienname = "Haddad", vornamen = "Rana", geburtsdatum = "1991-04-02" },
                aufenthalt = new { zweck = "beschaeftigung", arbeitgeber = "Muster GmbH", bruttogehalt = "3000", arbeitsvertrag = evidence, einverstanden = true },
            };
            var middle = Stopwatch.GetTimestamp();
            // With its length, as a browser's fetch sends it (PostAsJsonAsync would stream it chunked).
            using var body = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(values));
            body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "submissions") { Content = body };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            using var submitted = await client.SendAsync(request);
            if (submitted.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"the submission answered {(int)submitted.StatusCode}: {await submitted.Content.ReadAsStringAsync()}");
            }

            await submitted.Content.ReadAsByteArrayAsync();
            return (Stopwatch.GetElapsedTime(started, middle), Stopwatch.GetElapsedTime(middle));
        }
    }

    /// <summary>
    /// A 1 MB PDF as a scanned contract comes: one A4 page with a line of text and a 1024×1024 grey image (uncompressed,
    /// 1 MiB of a gradient, so no bytes in it read as a PDF keyword or name), correct cross-reference table. Each
    /// <see cref="Unique"/> copy has its own 32 hex digits early in the image data (the length and every offset stay).
    /// </summary>
    private sealed class EvidencePdf
    {
        private const int Side = 1024;

        private EvidencePdf(byte[] template, int marker)
        {
            Template = template;
            this.marker = marker;
        }

        private readonly int marker;

        public byte[] Template { get; }

        public byte[] Unique()
        {
            var copy = (byte[])Template.Clone();
            Encoding.ASCII.GetBytes(Guid.NewGuid().ToString("N"), copy.AsSpan(marker));
            return copy;
        }

        public static EvidencePdf Create()
        {
            var latin1 = Encoding.Latin1;
            const string content = "BT /F1 18 Tf 72 770 Td (Arbeitsvertrag) Tj ET\nq 450 0 0 450 72 250 cm /Im1 Do Q";
            var image = new byte[Side * Side];
            for (var y = 0; y < Side; y++)
            {
                for (var x = 0; x < Side; x++)
                {
                    image[(y * Side) + x] = (byte)((x + y) & 0xFF);
                }
            }

            string[] objects =
            [
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 5 0 R >>",
                $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            ];
            using var pdf = new MemoryStream();
            var offsets = new List<long>();
            void Write(string text) => pdf.Write(latin1.GetBytes(text));
            Write("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
            for (var i = 0; i < objects.Length; i++)
            {
                offsets.Add(pdf.Position);
                Write(string.Create(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n"));
            }

            offsets.Add(pdf.Position);
            Write(string.Create(CultureInfo.InvariantCulture,
                $"6 0 obj\n<< /Type /XObject /Subtype /Image /Width {Side} /Height {Side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length {image.Length} >>\nstream\n"));
            // Not the first bytes: the e-Akte's script check inflates a stream whose first two bytes read as a zlib header.
            var marker = (int)pdf.Position + 16;
            pdf.Write(image);
            Write("\nendstream\nendobj\n");
            var xref = pdf.Position;
            var trailer = new StringBuilder().Append(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
            foreach (var offset in offsets)
            {
                trailer.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
            }

            trailer.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
            Write(trailer.ToString());
            return new EvidencePdf(pdf.ToArray(), marker);
        }
    }
}
