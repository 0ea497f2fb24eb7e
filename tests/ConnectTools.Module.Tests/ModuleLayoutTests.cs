using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace ConnectTools.Module.Tests
{
    /// <summary>Checks of the assembled module that need no pwsh: the layout `dotnet publish` produces.</summary>
    public class ModuleLayoutTests
    {
        [Fact]
        public void ModuleFolderHoldsManifestFormatsAssembliesAndHelp()
        {
            foreach (var file in new[] { "ConnectTools.psd1", "ConnectTools.format.ps1xml", "ConnectTools.dll", "ConnectTools.Core.dll", "AWSSDK.Core.dll" })
                Assert.True(File.Exists(Path.Combine(RepoPaths.ModuleDir, file)), file + " is missing from " + RepoPaths.ModuleDir);
            Assert.False(File.Exists(Path.Combine(RepoPaths.ModuleDir, "System.Management.Automation.dll")), "PowerShell's own assembly must not ship in the module");
        }

        [Fact]
        public void ManifestVersionIsStampedFromTheBuild()
        {
            string manifest = File.ReadAllText(RepoPaths.Manifest);
            var version = Regex.Match(manifest, @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
            Assert.Equal(RepoPaths.ModuleVersion, version);
            Assert.Matches(@"CmdletsToExport\s*=\s*@\('Get-ConnectInstance',\s*'Get-ConnectUser'\)", manifest);
            Assert.Matches(@"FunctionsToExport\s*=\s*@\(\)", manifest);
            Assert.Matches(@"CompatiblePSEditions\s*=\s*@\('Desktop',\s*'Core'\)", manifest);
        }

        [Fact]
        public void EveryOutputTypeHasATableAndAListView()
        {
            var doc = XDocument.Load(Path.Combine(RepoPaths.ModuleDir, "ConnectTools.format.ps1xml"));
            foreach (var type in new[] { "ConnectTools.ConnectInstance", "ConnectTools.ConnectUser", "ConnectTools.ConnectUserSummary" })
            {
                var views = doc.Descendants("View").Where(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == type).ToList();
                Assert.Contains(views, v => v.Element("TableControl") != null && v.Element("Name")!.Value == type);
                Assert.Contains(views, v => v.Element("ListControl") != null);
            }
        }
    }
}
