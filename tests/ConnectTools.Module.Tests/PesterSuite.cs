using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace ConnectTools.Module.Tests
{
    /// <summary>Runs tests/*.Tests.ps1 (Pester 5) in a child pwsh against the built module, and fails when any of them fails.</summary>
    public class PesterSuite
    {
        private readonly ITestOutputHelper _output;

        public PesterSuite(ITestOutputHelper output) => _output = output;

        [Fact]
        public void PesterTestsPassAgainstTheBuiltModule()
        {
            // Never skipped: when the pinned pwsh or Pester cannot be had, this test fails and says why.
            Assert.True(PwshLocator.Failure == null, "The Pester suite cannot run: " + PwshLocator.Failure);
            string pesterManifest = Path.Combine(RepoPaths.TestModulesDir, "Pester", RepoPaths.PesterVersion, "Pester.psd1");
            Assert.True(File.Exists(pesterManifest), "Pester " + RepoPaths.PesterVersion + " was not staged at " + pesterManifest + " (the StagePester build target copies it from the NuGet package).");
            Assert.True(File.Exists(RepoPaths.Manifest), "the module was not assembled at " + RepoPaths.Manifest);
            Assert.True(File.Exists(RepoPaths.EmulatorDll), "the emulator is missing at " + RepoPaths.EmulatorDll);
            var testFiles = Directory.GetFiles(RepoPaths.TestsDir, "*.Tests.ps1");
            Assert.NotEmpty(testFiles);
            _output.WriteLine("Running the Pester suite with " + PwshLocator.Description + " and Pester " + RepoPaths.PesterVersion);

            string results = Path.Combine(Path.GetTempPath(), "connecttools-pester-" + Guid.NewGuid().ToString("N") + ".xml");
            string script =
                "$ErrorActionPreference = 'Stop'; Import-Module Pester -RequiredVersion '" + RepoPaths.PesterVersion + "'; " +
                "$c = New-PesterConfiguration; " +
                "$c.Run.Path = '" + RepoPaths.TestsDir.Replace("'", "''") + "'; " +
                "$c.Run.Exit = $false; $c.Run.PassThru = $true; " +
                "$c.Output.Verbosity = 'Detailed'; " +
                "$c.TestResult.Enabled = $true; $c.TestResult.OutputFormat = 'NUnitXml'; $c.TestResult.OutputPath = '" + results.Replace("'", "''") + "'; " +
                "$r = Invoke-Pester -Configuration $c; " +
                "Write-Host ('PESTER: {0} passed, {1} failed, {2} skipped, {3} not run' -f $r.PassedCount, $r.FailedCount, $r.SkippedCount, $r.NotRunCount); " +
                "if ($r.FailedCount -gt 0 -or $r.PassedCount -eq 0 -or $r.SkippedCount -gt 0 -or $r.NotRunCount -gt 0) { exit 1 } else { exit 0 }";

            var psi = PwshLocator.StartInfo(new[] { "-NoProfile", "-NonInteractive", "-Command", script });
            psi.WorkingDirectory = RepoPaths.Root;
            psi.Environment["CONNECTTOOLS_MODULE"] = RepoPaths.Manifest;
            psi.Environment["CONNECTTOOLS_EMULATOR_DLL"] = RepoPaths.EmulatorDll;
            psi.Environment["NO_COLOR"] = "1";
            psi.Environment["CONNECTTOOLS_TEST_SDKS"] = Path.Combine(AppContext.BaseDirectory, "AwsSdkCore");
            string? modulePath = Environment.GetEnvironmentVariable("PSModulePath");
            psi.Environment["PSModulePath"] = RepoPaths.TestModulesDir + (string.IsNullOrEmpty(modulePath) ? "" : Path.PathSeparator + modulePath);

            var output = new StringBuilder();
            using var process = new Process { StartInfo = psi };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            bool exited = process.WaitForExit((int)TimeSpan.FromMinutes(20).TotalMilliseconds);
            if (!exited) process.Kill(entireProcessTree: true);
            process.WaitForExit();

            string text = output.ToString();
            _output.WriteLine(text);
            foreach (var line in text.Split('\n').Where(l => l.StartsWith("PESTER:", StringComparison.Ordinal))) Console.WriteLine(line.TrimEnd());
            Assert.True(exited, "the Pester run did not finish in 20 minutes");
            Assert.True(File.Exists(results), "Pester wrote no result file. Output:\n" + Tail(text));
            var doc = XDocument.Load(results);
            var root = doc.Root!;
            int total = int.Parse(root.Attribute("total")!.Value), failures = int.Parse(root.Attribute("failures")!.Value);
            int skipped = int.Parse(root.Attribute("skipped")?.Value ?? "0") + int.Parse(root.Attribute("not-run")?.Value ?? "0") + int.Parse(root.Attribute("ignored")?.Value ?? "0");
            var failed = doc.Descendants("test-case").Where(t => (string?)t.Attribute("result") == "Failure").Select(t => (string?)t.Attribute("name")).ToList();
            File.Delete(results);
            Assert.True(total > 0, "Pester ran no test. Output:\n" + Tail(text));
            Assert.True(skipped == 0, skipped + " Pester test(s) were skipped or not run: a skipped test is not a pass.\n" + Tail(text));
            Assert.True(failures == 0 && process.ExitCode == 0, failures + " Pester test(s) failed:\n  " + string.Join("\n  ", failed) + "\n" + Tail(text));
        }

        private static string Tail(string text) => text.Length <= 6000 ? text : text.Substring(text.Length - 6000);
    }
}
