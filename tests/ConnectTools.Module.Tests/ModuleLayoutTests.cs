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
            foreach (var file in new[] { "ConnectTools.psd1", "ConnectTools.format.ps1xml", "ConnectTools.dll",
                                         "bin/ConnectTools.Core.dll", "bin/AWSSDK.Core.dll", "bin/ConnectTools.LoadContext.dll" })
                Assert.True(File.Exists(Path.Combine(RepoPaths.ModuleDir, file)), file + " is missing from " + RepoPaths.ModuleDir);
            Assert.False(File.Exists(Path.Combine(RepoPaths.ModuleDir, "System.Management.Automation.dll")), "PowerShell's own assembly must not ship in the module");
            Assert.False(File.Exists(Path.Combine(RepoPaths.ModuleDir, "bin", "System.Management.Automation.dll")), "PowerShell's own assembly must not ship in the module");
            // Only the cmdlet assembly at the top: PowerShell's resolver probes the folder of a loaded module assembly, and
            // whatever it found there would land in the default load context, next to AWS Tools' copies.
            var topLevel = Directory.GetFiles(RepoPaths.ModuleDir, "*.dll").Select(Path.GetFileName).ToList();
            Assert.Equal(new[] { "ConnectTools.dll" }, topLevel);
        }

        [Fact]
        public void TheCmdletAssemblyTouchesNoAwsSdkType()
        {
            // The boundary that lets ConnectTools' AWSSDK.Core live in a private load context: the cmdlets talk to
            // ConnectTools.Core only (ConnectSession, the model), never to AWSSDK types, so objects of another AWSSDK.Core
            // copy reach the core as plain objects.
            using var stream = File.OpenRead(Path.Combine(RepoPaths.ModuleDir, "ConnectTools.dll"));
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            var references = md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToList();
            Assert.Contains("ConnectTools.Core", references);
            Assert.DoesNotContain(references, r => r.StartsWith("AWSSDK", System.StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void TheServicePackagesCredentialProvidersLoadByNameShipBuiltForTheSameAwsSdkCore()
        {
            // AWSSDK.Core loads these by name for assume-role and web identity (SecurityToken) and SSO (SSO, SSOOIDC)
            // credentials; without them those profiles fail at the first call.
            var core = System.Reflection.AssemblyName.GetAssemblyName(Path.Combine(RepoPaths.ModuleDir, "bin", "AWSSDK.Core.dll"));
            foreach (var name in new[] { "AWSSDK.SecurityToken", "AWSSDK.SSO", "AWSSDK.SSOOIDC" })
            {
                string path = Path.Combine(RepoPaths.ModuleDir, "bin", name + ".dll");
                Assert.True(File.Exists(path), name + ".dll is missing from " + Path.Combine(RepoPaths.ModuleDir, "bin"));
                using var stream = File.OpenRead(path);
                using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
                var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
                var coreReference = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h))
                    .Single(r => reader.GetString(r.Name) == "AWSSDK.Core");
                Assert.Equal(core.Version, coreReference.Version);
            }
        }

        [Fact]
        public void EachReadyToRunPlatformHasPrecompiledAssembliesForItsOwnOperatingSystem()
        {
            // PowerShell 7.6+ loads bin/<platform>/ instead of the portable bin/ set (ModuleLoadContext): there the core
            // and AWSSDK.Core must be .NET 10 builds with ReadyToRun code for that platform, or the first call of a
            // session compiles them all again.
            var props = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
            var platforms = props.Descendants("ReadyToRunPlatforms").Single().Value.Split(';', System.StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("linux-x64", platforms);
            Assert.Contains("win-x64", platforms);
            foreach (var platform in platforms)
            {
                // ReadyToRun images carry the target OS in the machine field: AMD64/ARM64 xor'ed with an OS-specific value.
                string os = platform.Split('-')[0];
                ushort osXor = os == "win" ? (ushort)0 : os == "linux" ? (ushort)0x7B79 : os == "osx" ? (ushort)0x4644 : throw new Xunit.Sdk.XunitException("unknown platform " + platform);
                ushort arch = platform.EndsWith("-arm64", System.StringComparison.Ordinal) ? (ushort)0xAA64 : (ushort)0x8664;
                Assert.False(File.Exists(Path.Combine(RepoPaths.ModuleDir, "bin", platform, "ConnectTools.dll")),
                    "the cmdlet assembly is the root module at the top, for every PowerShell: no copy of it in bin/" + platform);
                foreach (var name in new[] { "ConnectTools.Core.dll", "AWSSDK.Core.dll", "AWSSDK.SecurityToken.dll", "AWSSDK.SSO.dll", "AWSSDK.SSOOIDC.dll" })
                {
                    string path = Path.Combine(RepoPaths.ModuleDir, "bin", platform, name);
                    Assert.True(File.Exists(path), path + " is missing");
                    using var stream = File.OpenRead(path);
                    using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
                    Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, path + " has no ReadyToRun code");
                    Assert.Equal(arch ^ osXor, (int)pe.PEHeaders.CoffHeader.Machine);
                }
            }
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
