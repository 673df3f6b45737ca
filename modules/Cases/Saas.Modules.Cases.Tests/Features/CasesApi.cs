using System.Diagnostics;

namespace Saas.Modules.Cases.Tests.Features;

/// <summary>Calls the e-Akte API of one authority as its caseworker, the way the workbench does.</summary>
internal sealed class CasesApi(HttpClient client, string tenant)
{
    public HttpClient Http { get; } = client;

    public string Tenant { get; } = tenant;

    public static Task<CasesApi> SignInAsync(TwoTenantsFixture fixture, string tenant, string user = "cw")
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var token = fixture.TokenFor(tenant, $"{user}-{tenant}");
        var client = fixture.App.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant}/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Task.FromResult(new CasesApi(client, tenant));
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(string path, object body)
    {
        var response = await Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> PutJsonAsync(string path, object body)
    {
        var response = await Http.PutAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostFileAsync(string path, byte[] bytes, string contentType, string fileName, IDictionary<string, string>? fields = null)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent { { content, "file", fileName } };
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        var response = await Http.PostAsync(path, form);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    public async Task<JsonElement> CreateFileAsync(string surname, string givenNames = "Jan", string? birthDate = null, string? fileNumber = null, string[]? variants = null)
    {
        var (status, body) = await PostJsonAsync("api/cases/files", new { surname, givenNames, birthDate, fileNumber, nameVariants = variants });
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body;
    }

    /// <summary>Bounded polling for a background job; no assertion on how long it takes.</summary>
    public async Task<JsonElement> WaitAsync(string path, Func<JsonElement, bool> done)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var state = await GetJsonAsync(path);
            if (done(state))
            {
                return state;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{path} did not finish.");
    }
}

/// <summary>Test PDFs made with the same tools the platform uses.</summary>
internal static class Pdfs
{
    /// <summary>Joins PDFs with pdfunite (poppler-utils).</summary>
    public static byte[] Join(params byte[][] parts)
    {
        var work = Directory.CreateTempSubdirectory("saas-test-pdf-");
        try
        {
            var inputs = parts.Select((p, i) =>
            {
                var path = Path.Combine(work.FullName, $"{i:D3}.pdf");
                File.WriteAllBytes(path, p);
                return path;
            }).ToList();
            var output = Path.Combine(work.FullName, "joined.pdf");
            var start = new ProcessStartInfo("pdfunite") { RedirectStandardError = true };
            foreach (var argument in inputs.Append(output))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit();
            process.ExitCode.ShouldBe(0, process.StandardError.ReadToEnd());
            return File.ReadAllBytes(output);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>A PDF encrypted with a user password nobody knows.</summary>
    public static byte[] Encrypted()
    {
        var id = string.Concat(Enumerable.Repeat("33", 16));
        return Saas.Modules.Cases.Features.Documents.PdfObjects.Write(
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            $"<< /Filter /Standard /V 1 /R 2 /O <{string.Concat(Enumerable.Repeat("11", 32))}> /U <{string.Concat(Enumerable.Repeat("22", 32))}> /P -4 >>",
        ], $"/Encrypt 4 0 R /ID [<{id}><{id}>] ");
    }
}
