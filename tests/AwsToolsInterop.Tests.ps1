# ConnectTools beside AWS Tools for PowerShell in one session, in every import order, with the real AWSSDK.Core builds
# of both AWS.Tools lines (v4: 3.7.x, assembly 3.3.0.0; v5: 4.0.x, assembly 4.0.0.0) loaded the way AWS.Tools.Common
# loads them: by its manifest's RequiredAssemblies, into the default load context.
#
# The stand-in AWS.Tools.Common module is made here: that real AWSSDK.Core, an AWSPSCredentials class compiled against
# it (what Set-AWSCredential stores in $StoredAWSCredentials: credentials in a non-public property), and the functions
# Get-AWSCredential / Set-AWSCredential / Set-DefaultAWSRegion, plus a refreshing credentials class of that copy.
# Each case runs in a fresh pwsh. The emulator accepts one key pair per way of giving credentials and records which
# key signed each request, so the tests see which credentials ConnectTools really used.

BeforeDiscovery {
    $script:Cases = foreach ($line in 'v4', 'v5') {
        foreach ($order in 'AwsToolsFirst', 'ConnectToolsRanFirst', 'ConnectToolsImportedFirst') {
            @{ Line = $line; Order = $order }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    $script:Keys = [ordered]@{
        Params  = @('AKIDINTEROPPARAMS001', 'interop-secret-params')
        Cred    = @('AKIDINTEROPCRED00001', 'interop-secret-cred')
        Stored  = @('AKIDINTEROPSTORED001', 'interop-secret-stored')
        RotateA = @('AKIDINTEROPROTATE0A1', 'interop-secret-rotate-a')
        RotateB = @('AKIDINTEROPROTATE0B1', 'interop-secret-rotate-b')
    }
    $credentialArgs = foreach ($k in $Keys.Values) { '--credential'; "$($k[0])=$($k[1])" }
    $script:Emu = Start-TestEmulator -Instances 2 -Users 2 -Arguments (@('--active-only', '--no-quotas') + $credentialArgs)

    function New-FakeAwsToolsModule([string] $Line) {
        # AWS.Tools.Common as far as ConnectTools' users meet it, on the real AWSSDK.Core of that line.
        $dir = Join-Path $TestDrive "$Line/AWS.Tools.Common"
        $null = New-Item -ItemType Directory -Path $dir -Force
        Copy-Item -LiteralPath (Get-OtherAwsSdkCore $Line) -Destination $dir
        $version = if ($Line -eq 'v4') { '4.1.900' } else { '5.0.900' }
        Set-Content -LiteralPath (Join-Path $dir 'AWS.Tools.Common.psd1') -Value @"
@{
    RootModule = 'AWS.Tools.Common.psm1'
    ModuleVersion = '$version'
    GUID = '$([guid]::NewGuid())'
    RequiredAssemblies = @('AWSSDK.Core.dll')
    FunctionsToExport = @('Get-AWSCredential', 'Set-AWSCredential', 'Set-DefaultAWSRegion', 'New-RotatingCredential', 'Test-AWSToolsSdk')
    CmdletsToExport = @(); VariablesToExport = @(); AliasesToExport = @()
}
"@
        Set-Content -LiteralPath (Join-Path $dir 'AWS.Tools.Common.psm1') -Value @'
Add-Type -IgnoreWarnings -ReferencedAssemblies (Join-Path $PSScriptRoot 'AWSSDK.Core.dll'), 'System.Runtime', 'netstandard' -TypeDefinition @"
namespace Amazon.PowerShell.Common
{
    public sealed class AWSPSCredentials
    {
        public AWSPSCredentials(Amazon.Runtime.AWSCredentials credentials, string name) { Credentials = credentials; Name = name; }
        internal Amazon.Runtime.AWSCredentials Credentials { get; private set; }
        public string Name { get; private set; }
    }

    /// Credentials of this AWSSDK.Core copy that expire after a second and come back with the next key pair.
    public sealed class RotatingCredentials : Amazon.Runtime.RefreshingAWSCredentials
    {
        private readonly string[][] _pairs;
        private int _next;
        public RotatingCredentials(string[][] pairs) { _pairs = pairs; PreemptExpiryTime = System.TimeSpan.Zero; }
        public int Refreshes { get { return _next; } }
        protected override CredentialsRefreshState GenerateNewCredentials()
        {
            var pair = _pairs[_next % _pairs.Length];
            _next++;
            return new CredentialsRefreshState(new Amazon.Runtime.ImmutableCredentials(pair[0], pair[1], null), System.DateTime.UtcNow.AddSeconds(1));
        }
    }
}
"@
function Get-AWSCredential([string] $AccessKey, [string] $SecretKey) { [Amazon.Runtime.BasicAWSCredentials]::new($AccessKey, $SecretKey) }
function Set-AWSCredential([string] $AccessKey, [string] $SecretKey) {
    $global:StoredAWSCredentials = [Amazon.PowerShell.Common.AWSPSCredentials]::new((Get-AWSCredential $AccessKey $SecretKey), 'stored')
}
function Set-DefaultAWSRegion([string] $Region) { $global:StoredAWSRegion = $Region }
function New-RotatingCredential([string[][]] $Pairs) { [Amazon.PowerShell.Common.RotatingCredentials]::new($Pairs) }
function Test-AWSToolsSdk {
    $c = [Amazon.Runtime.BasicAWSCredentials]::new('AKIDAWSTOOLSCHECK', 'x')
    '{0} {1} {2}' -f $c.GetCredentials().AccessKey, $c.GetType().Assembly.GetName().Version, $c.GetType().Assembly.Location
}
'@
        Join-Path $dir 'AWS.Tools.Common.psd1'
    }

    $script:FakeModules = @{ v4 = New-FakeAwsToolsModule v4; v5 = New-FakeAwsToolsModule v5 }

    function Invoke-InteropCase([string] $Line, [string] $Order) {
        $k = $Keys
        $script = @"
`$ErrorActionPreference = 'Stop'
`$url = '$($Emu.Url)'
foreach (`$n in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION') { Remove-Item "env:`$n" -ErrorAction SilentlyContinue }
`$env:AWS_EC2_METADATA_DISABLED = 'true'
function Step([string] `$Tag, [scriptblock] `$Call) {
    try { `$r = @(& `$Call); "`$Tag OK `$(`$r.Count) `$((`$r | ForEach-Object { `$_.GetType().FullName } | Select-Object -Unique) -join ',')" }
    catch { "`$Tag ERROR `$(`$_.FullyQualifiedErrorId) :: `$(`$_.Exception.GetType().FullName): `$_" }
}
function Params { Get-ConnectInstance -AccessKey '$($k.Params[0])' -SecretKey '$($k.Params[1])' -Region us-east-1 -EndpointUrl `$url }
switch ('$Order') {
    'AwsToolsFirst'             { Import-Module '$($FakeModules[$Line])'; Import-Module '$ModuleManifest' }
    'ConnectToolsRanFirst'      { Import-Module '$ModuleManifest'; Step FIRST { Params }; Import-Module '$($FakeModules[$Line])' }
    'ConnectToolsImportedFirst' { Import-Module '$ModuleManifest'; Import-Module '$($FakeModules[$Line])' }
}
Step PARAMS { Params }
`$cred = Get-AWSCredential '$($k.Cred[0])' '$($k.Cred[1])'
"CREDTYPE `$(`$cred.GetType().Assembly.GetName().Version)"
Step CREDENTIAL { Get-ConnectInstance -Credential `$cred -Region us-east-1 -EndpointUrl `$url }
Set-AWSCredential '$($k.Stored[0])' '$($k.Stored[1])'
Set-DefaultAWSRegion 'us-east-1'
Step STORED { Get-ConnectInstance -EndpointUrl `$url }
Remove-Variable -Name StoredAWSCredentials, StoredAWSRegion -Scope Global
`$rotating = New-RotatingCredential (@(,@('$($k.RotateA[0])', '$($k.RotateA[1])')) + @(,@('$($k.RotateB[0])', '$($k.RotateB[1])')))
Step ROTATE1 { Get-ConnectInstance -Credential `$rotating -Region us-east-1 -EndpointUrl `$url }
Start-Sleep -Milliseconds 1500   # past the expiry the credentials object gave
Step ROTATE2 { Get-ConnectInstance -Credential `$rotating -Region us-east-1 -EndpointUrl `$url }
"AWSTOOLS `$(Test-AWSToolsSdk)"
`$context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([ConnectTools.ConnectInstance].Assembly)
"CTCONTEXT `$(`$context.GetType().FullName)"
"CTSDK `$((`$context.Assemblies | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' }).Location)"
"@
        $psi = New-PwshStartInfo -Script $script
        $psi.Environment['HOME'] = $TestDrive
        $p = [System.Diagnostics.Process]::Start($psi)
        $err = $p.StandardError.ReadToEndAsync()
        $out = $p.StandardOutput.ReadToEnd()
        $p.WaitForExit()
        [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $out + $err.Result }
    }
}

AfterAll {
    Stop-TestEmulator $Emu
}

Describe 'ConnectTools beside AWS Tools for PowerShell <Line> (<Order>)' -ForEach $Cases {
    BeforeAll {
        Reset-EmulatorStats $Emu
        $script:Result = Invoke-InteropCase -Line $Line -Order $Order
        $script:Out = $Result.Output
        $script:Signed = @(Get-EmulatorRequests $Emu | Where-Object StatusCode -eq 200 | ForEach-Object AccessKeyId)
        $script:ExpectedSdk = if ($Line -eq 'v4') { '3.3.0.0' } else { '4.0.0.0' }
    }

    It 'both modules import and the child session ends cleanly' {
        $Result.ExitCode | Should -Be 0 -Because $Out
        $Out | Should -Not -Match 'ERROR' -Because $Out
    }

    It 'ConnectTools runs on its own AWSSDK.Core, in its own load context' {
        $Out | Should -Match ('(?m)^CTSDK ' + [regex]::Escape((Join-Path (Get-ModuleAssemblyFolder) 'AWSSDK.Core.dll')) + '\s*$')
        $Out | Should -Match '(?m)^CTCONTEXT ConnectTools\.LoadContext\.ModuleLoadContext'
    }

    It 'AWS Tools keeps working on its own AWSSDK.Core' {
        $Out | Should -Match ('(?m)^AWSTOOLS AKIDAWSTOOLSCHECK ' + [regex]::Escape($ExpectedSdk) + ' .*AWS\.Tools\.Common')
        $Out | Should -Match ('(?m)^CREDTYPE ' + [regex]::Escape($ExpectedSdk))
    }

    It 'explicit keys, -Credential and $StoredAWSCredentials/$StoredAWSRegion of the AWS Tools copy each sign with their own keys' {
        $Out | Should -Match '(?m)^PARAMS OK 2 ConnectTools\.ConnectInstance'
        $Out | Should -Match '(?m)^CREDENTIAL OK 2 ConnectTools\.ConnectInstance'
        $Out | Should -Match '(?m)^STORED OK 2 ConnectTools\.ConnectInstance'
        $Signed | Should -Contain $Keys.Params[0]
        $Signed | Should -Contain $Keys.Cred[0]
        $Signed | Should -Contain $Keys.Stored[0]
    }

    It 'refreshing credentials of the AWS Tools copy are refreshed when they expire' {
        $Out | Should -Match '(?m)^ROTATE1 OK 2'
        $Out | Should -Match '(?m)^ROTATE2 OK 2'
        $Signed | Should -Contain $Keys.RotateA[0]
        $Signed | Should -Contain $Keys.RotateB[0]
    }
}
