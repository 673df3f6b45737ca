using System.Diagnostics;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Saas.Modules.Cases.Tests.Features.Transfer;

/// <summary>
/// The official xdomea 3.0.0 schemas as published (../shared/fixtures/xdomea beside the repository, as CI has it),
/// independent of the module's embedded copy: the full entry schema <c>xdomea.xsd</c> with every message, loaded by
/// System.Xml, and Debian's <c>xmllint</c> (libxml2) as a second validator that shares no code with .NET.
/// </summary>
internal static class OfficialXdomea
{
    private static readonly Lazy<string> Folder = new(Locate);
    private static readonly Lazy<XmlSchemaSet> Set = new(Compile);

    /// <summary>…/shared/fixtures/xdomea</summary>
    public static string Directory => Folder.Value;

    public static string Schemes => Path.Combine(Directory, "schemes");

    public static string EntrySchema => Path.Combine(Schemes, "xdomea_3.0.0", "xdomea.xsd");

    /// <summary>Every schema error of the message, with line and position; empty when it is valid.</summary>
    public static List<string> Errors(byte[] xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Set.Value, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}, position {e.Exception.LinePosition}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        var document = XDocument.Load(reader);
        // A root the schema does not declare is only a warning to System.Xml: it must be an xdomea message.
        if (document.Root!.Name.Namespace != "urn:xoev-de:xdomea:schema:3.0.0")
        {
            errors.Add($"root {document.Root.Name} is not in the xdomea 3.0.0 namespace");
        }

        return errors;
    }

    public static void ShouldBeValid(byte[] xml, string what)
    {
        var errors = Errors(xml);
        errors.ShouldBeEmpty($"{what} must conform to the official xdomea 3.0.0 schema:\n{string.Join('\n', errors)}\n{Encoding.UTF8.GetString(xml)}");
    }

    /// <summary>Runs <c>xmllint --noout --schema xdomea.xsd</c> over the files (scripts/tools.sh installs libxml2-utils); exit code and output.</summary>
    public static async Task<(int Exit, string Output)> XmllintAsync(params string[] files)
    {
        var start = new ProcessStartInfo("xmllint") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--noout", "--nonet", "--schema", EntrySchema }.Concat(files))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await stdout);
    }

    private static XmlSchemaSet Compile()
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        using (var reader = XmlReader.Create(EntrySchema, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            set.Add(XmlSchema.Read(reader, null)!);
        }

        set.Compile();
        return set;
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Saas.sln")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures", "xdomea"));
                return System.IO.Directory.Exists(shared)
                    ? shared
                    : throw new DirectoryNotFoundException($"The official xdomea schemas are expected in {shared} (../shared beside the repository, as CI has it).");
            }
        }

        throw new DirectoryNotFoundException("The repository root (Saas.sln) was not found above " + AppContext.BaseDirectory);
    }
}
