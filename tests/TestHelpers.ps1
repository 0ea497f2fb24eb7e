# Shared helpers of the Pester suite. Dot-source it in BeforeAll:  . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
# It imports the BUILT module ($env:CONNECTTOOLS_MODULE, a psd1) and runs emulators as child processes
# ($env:CONNECTTOOLS_EMULATOR_DLL) with the admin API on; tests drive them with Invoke-RestMethod.
# tests/ConnectTools.Module.Tests (PesterSuite.cs) sets both variables; to run by hand:
#   dotnet publish src/ConnectTools -c Release; dotnet build tests/ConnectTools.Module.Tests
#   $env:CONNECTTOOLS_MODULE = "$PWD/out/ConnectTools/0.1.0/ConnectTools.psd1"
#   $env:CONNECTTOOLS_EMULATOR_DLL = "$PWD/tests/ConnectTools.Module.Tests/bin/Debug/net10.0/ConnectTools.Emulator.dll"
#   Invoke-Pester ./tests -Output Detailed

if ([string]::IsNullOrEmpty($env:CONNECTTOOLS_MODULE)) {
    throw 'CONNECTTOOLS_MODULE is not set. Set it to the psd1 of the built module (out/ConnectTools/<version>/ConnectTools.psd1, made by "dotnet publish src/ConnectTools -c Release") and run again.'
}
if (-not (Test-Path -LiteralPath $env:CONNECTTOOLS_MODULE -PathType Leaf)) {
    throw "CONNECTTOOLS_MODULE is '$env:CONNECTTOOLS_MODULE', which is not a file. Build the module with 'dotnet publish src/ConnectTools -c Release'."
}
if ([string]::IsNullOrEmpty($env:CONNECTTOOLS_EMULATOR_DLL) -or -not (Test-Path -LiteralPath $env:CONNECTTOOLS_EMULATOR_DLL -PathType Leaf)) {
    throw "CONNECTTOOLS_EMULATOR_DLL is '$env:CONNECTTOOLS_EMULATOR_DLL', which is not a file. Set it to ConnectTools.Emulator.dll (built by 'dotnet build tests/ConnectTools.Module.Tests')."
}

$script:ModuleManifest = (Resolve-Path -LiteralPath $env:CONNECTTOOLS_MODULE).ProviderPath
$script:ModuleDir = Split-Path -Parent $script:ModuleManifest
$script:EmulatorDll = (Resolve-Path -LiteralPath $env:CONNECTTOOLS_EMULATOR_DLL).ProviderPath
$script:DemoAccessKey = 'AKIDEMULATOR00000001'
$script:DemoSecretKey = 'emulator-secret-key-do-not-use'
# A child pwsh is started the way this one was: pwsh(.exe) itself, or, when PowerShell runs as a dotnet tool (the
# process is then the dotnet host), the dotnet host with this PowerShell's pwsh.dll. Use New-PwshStartInfo or
# & $Pwsh @PwshArguments -NoProfile ...
$script:Pwsh = [Environment]::ProcessPath
$script:PwshArguments = @()
if ([IO.Path]::GetFileNameWithoutExtension($script:Pwsh) -ne 'pwsh') { $script:PwshArguments = @(Join-Path $PSHOME 'pwsh.dll') }

function New-PwshStartInfo {
    <# A ProcessStartInfo for a child pwsh -NoProfile -NonInteractive -Command $Script, output redirected, NO_COLOR set. #>
    param([Parameter(Mandatory)] [string] $Script)
    $psi = [System.Diagnostics.ProcessStartInfo]::new($script:Pwsh)
    foreach ($a in @($script:PwshArguments) + @('-NoProfile', '-NonInteractive', '-Command', $Script)) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $psi.Environment['NO_COLOR'] = '1'
    $psi
}

# The built module, once per session (a binary module cannot be unloaded; re-importing the same files is pointless).
if (-not (Get-Module -Name ConnectTools | Where-Object { $_.Path -and (Split-Path -Parent $_.Path) -eq $script:ModuleDir })) {
    Get-Module -Name ConnectTools | Remove-Module -Force
    Import-Module -Name $script:ModuleManifest -Force -ErrorAction Stop
}

# Most of the suite's emulators run without quotas (--no-quotas): the module is told the quotas are practically
# unlimited, so listings are not paced to the service's defaults (10 DescribeUser calls a second). Files that test
# pacing set their own value after dot-sourcing this file.
$env:CONNECTTOOLS_API_QUOTAS = '*=100000/100000'

function Get-ModuleAssemblyFolder {
    <# Where the module's assemblies load from in a PowerShell like this one: bin/<platform> (precompiled .NET 10 builds) on .NET 10+ when the module ships that folder, else bin/. #>
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $platform = $os + '-' + [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()
    $native = Join-Path (Join-Path $script:ModuleDir 'bin') $platform
    if ([Environment]::Version.Major -ge 10 -and (Test-Path -LiteralPath (Join-Path $native 'ConnectTools.Core.dll'))) { return $native }
    Join-Path $script:ModuleDir 'bin'
}

function Get-FreeTempDirectory {
    $dir = Join-Path ([IO.Path]::GetTempPath()) ('connecttools-test-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path $dir -Force | Out-Null
    $dir
}

function ConvertTo-ProcessArgument([string] $Value) {
    # Start-Process joins -ArgumentList with spaces; quote what needs it (Windows and Unix parse "..." the same here).
    if ($Value -eq '') { return '""' }
    if ($Value -notmatch '[\s"]') { return $Value }
    '"' + ($Value -replace '(\\*)"', '$1$1\"' -replace '(\\+)$', '$1$1') + '"'
}

function Start-TestEmulator {
    <#
    Starts ConnectTools.Emulator on a free port with the admin API, waits for its first line (the URL) and returns
    @{ Url; Process; LogPath; ErrPath; Dir; Data } where Data is GET /_emulator/data. Stop it with Stop-TestEmulator.
    #>
    param(
        [int] $Users = 20,
        [int] $Instances = 1,
        [string[]] $Arguments = @(),
        [switch] $Log,
        [int] $TimeoutSec = 30
    )
    $dir = Get-FreeTempDirectory
    $out = Join-Path $dir 'emulator.out.log'
    $err = Join-Path $dir 'emulator.err.log'
    $argv = @($script:EmulatorDll, '--port', '0', '--admin', '--users', "$Users", '--instances', "$Instances") + $Arguments
    if (-not $Log) { $argv += '--quiet' }
    $dotnet = (Get-Command -Name dotnet -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
    $process = Start-Process -FilePath $dotnet -ArgumentList (($argv | ForEach-Object { ConvertTo-ProcessArgument $_ }) -join ' ') `
        -RedirectStandardOutput $out -RedirectStandardError $err -NoNewWindow -PassThru
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $url = $null
    while (-not $url) {
        if (Test-Path -LiteralPath $out) {
            $first = Get-Content -LiteralPath $out -TotalCount 1 -ErrorAction SilentlyContinue
            if ($first -match '^ConnectTools\.Emulator listening on (\S+)') { $url = $Matches[1] }
        }
        if ($url) { break }
        if ($process.HasExited) {
            throw "The emulator exited with code $($process.ExitCode) before printing its URL. stderr: $(Get-Content -LiteralPath $err -Raw -ErrorAction SilentlyContinue)"
        }
        if ([DateTime]::UtcNow -gt $deadline) {
            Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
            throw "The emulator printed no URL in $TimeoutSec s. stdout: $(Get-Content -LiteralPath $out -Raw -ErrorAction SilentlyContinue)"
        }
        Start-Sleep -Milliseconds 50
    }
    if (-not $url.EndsWith('/')) { $url += '/' }
    $emulator = [pscustomobject]@{ Url = $url; Process = $process; LogPath = $out; ErrPath = $err; Dir = $dir; Data = $null; Https = $url.StartsWith('https:') }
    $emulator.Data = Invoke-EmulatorAdmin -Emulator $emulator -Path 'data'
    $emulator
}

function Stop-TestEmulator {
    param([Parameter(ValueFromPipeline)] $Emulator)
    process {
        if ($null -eq $Emulator -or $null -eq $Emulator.Process) { return }
        if (-not $Emulator.Process.HasExited) {
            Stop-Process -Id $Emulator.Process.Id -Force -ErrorAction SilentlyContinue
            $null = $Emulator.Process.WaitForExit(10000)
        }
        Remove-Item -LiteralPath $Emulator.Dir -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-EmulatorAdmin {
    <# Calls the emulator's admin API: Invoke-EmulatorAdmin $emu 'stats'; Invoke-EmulatorAdmin $emu 'faults' -Method Post -Body @{...} #>
    param(
        [Parameter(Mandatory, Position = 0)] $Emulator,
        [Parameter(Mandatory, Position = 1)] [string] $Path,
        [string] $Method = 'Get',
        $Body
    )
    $params = @{ Uri = $Emulator.Url + '_emulator/' + $Path; Method = $Method; TimeoutSec = 15; NoProxy = $true }
    if ($Emulator.Https) { $params.SkipCertificateCheck = $true }
    if ($null -ne $Body) {
        $params.Body = if ($Body -is [string]) { $Body } else { $Body | ConvertTo-Json -Depth 8 -Compress }
        $params.ContentType = 'application/json'
    }
    Invoke-RestMethod @params
}

function Get-EmulatorStats([Parameter(Mandatory)] $Emulator) { Invoke-EmulatorAdmin $Emulator 'stats' }

function Get-EmulatorRequests([Parameter(Mandatory)] $Emulator) {
    # Invoke-RestMethod writes a JSON array as one object: unroll it into one record per request.
    Invoke-EmulatorAdmin $Emulator 'requests' | ForEach-Object { $_ }
}

function Reset-EmulatorStats([Parameter(Mandatory)] $Emulator) { $null = Invoke-EmulatorAdmin $Emulator 'reset' -Method Post }

function Add-EmulatorFault([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Rule) {
    $null = Invoke-EmulatorAdmin $Emulator 'faults' -Method Post -Body $Rule
}

function Wait-EmulatorInFlight {
    <#
    Polls the emulator's stats until exactly -Count requests are in flight (0: until it is idle) and returns them.
    The bound only keeps a broken run from hanging: the caller asserts on the stats returned, never on the time.
    #>
    param([Parameter(Mandatory)] $Emulator, [int] $Count = 0, [int] $TimeoutSec = 30)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $stats = Get-EmulatorStats $Emulator
        if ($stats.InFlight -eq $Count -or [DateTime]::UtcNow -gt $deadline) { return $stats }
        Start-Sleep -Milliseconds 50
    }
}

function Clear-EmulatorFault([Parameter(Mandatory)] $Emulator) { $null = Invoke-EmulatorAdmin $Emulator 'faults' -Method Delete }

function Set-EmulatorOption([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Options) {
    Invoke-EmulatorAdmin $Emulator 'options' -Method Put -Body $Options
}

# ---- The AWS environment of a test -------------------------------------------------------------------------------

$script:AwsVariables = @(
    'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION',
    'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_EC2_METADATA_DISABLED',
    'AWS_EC2_METADATA_SERVICE_ENDPOINT', 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN',
    'AWS_ROLE_SESSION_NAME', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_CONNECT', 'AWS_MAX_ATTEMPTS', 'AWS_RETRY_MODE',
    'AWS_USE_FIPS_ENDPOINT', 'AWS_USE_DUALSTACK_ENDPOINT', 'AWS_CA_BUNDLE', 'HOME', 'USERPROFILE')

function Enter-TestAwsEnvironment {
    <#
    Saves every AWS variable (and HOME), points HOME and the shared files at an empty temp folder so the real home is
    never read, disables the EC2 metadata probe, and sets the emulator's demo keys and region (unless -NoKeys).
    Returns the state for Exit-TestAwsEnvironment.
    #>
    param([string] $AccessKey = $script:DemoAccessKey, [string] $SecretKey = $script:DemoSecretKey, [string] $Region = 'us-east-1', [switch] $NoKeys)
    $saved = @{}
    foreach ($name in $script:AwsVariables) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    $stored = @{}
    foreach ($name in 'StoredAWSCredentials', 'StoredAWSRegion') {
        $v = Get-Variable -Name $name -Scope Global -ErrorAction SilentlyContinue
        $stored[$name] = if ($v) { @{ Value = $v.Value } } else { $null }
    }
    # One fake home per pwsh process, emptied for each test: AWSSDK.Core keeps the shared file paths it saw first
    # for the whole process (see Credentials.Tests.ps1), so a new folder per test would be ignored after the first.
    $fakeHome = Join-Path ([IO.Path]::GetTempPath()) "connecttools-test-home-$PID"
    if (Test-Path -LiteralPath $fakeHome) { Get-ChildItem -LiteralPath $fakeHome -Force | Remove-Item -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $fakeHome -Force
    foreach ($name in $script:AwsVariables) { [Environment]::SetEnvironmentVariable($name, $null) }
    $env:HOME = $fakeHome
    if ($IsWindows) { $env:USERPROFILE = $fakeHome }
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $fakeHome 'credentials'
    $env:AWS_CONFIG_FILE = Join-Path $fakeHome 'config'
    # Empty files, not missing ones: AWSSDK.Core falls back to ~/.aws/* when the named file is missing (see Credentials.Tests.ps1).
    Set-Content -LiteralPath $env:AWS_SHARED_CREDENTIALS_FILE -Value ''
    Set-Content -LiteralPath $env:AWS_CONFIG_FILE -Value ''
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    if (-not $NoKeys) {
        $env:AWS_ACCESS_KEY_ID = $AccessKey
        $env:AWS_SECRET_ACCESS_KEY = $SecretKey
        $env:AWS_REGION = $Region
    }
    Remove-Variable -Name StoredAWSCredentials, StoredAWSRegion -Scope Global -ErrorAction SilentlyContinue
    [pscustomobject]@{ Saved = $saved; Stored = $stored; Home = $fakeHome }
}

function Exit-TestAwsEnvironment {
    param([Parameter(Mandatory)] $State)
    foreach ($name in $State.Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $State.Saved[$name]) }
    foreach ($name in $State.Stored.Keys) {
        if ($null -eq $State.Stored[$name]) { Remove-Variable -Name $name -Scope Global -ErrorAction SilentlyContinue }
        else { Set-Variable -Name $name -Scope Global -Value $State.Stored[$name].Value }
    }
    Remove-Item -LiteralPath $State.Home -Recurse -Force -ErrorAction SilentlyContinue   # the next Enter recreates the same path
}

# ---- Running commands and looking at what they wrote -------------------------------------------------------------

function Invoke-Captured {
    <#
    Runs a script block and returns @{ Output; Errors; Terminating; All } where Errors are the non-terminating
    ErrorRecords, Terminating the terminating one (or $null) and All every record of every stream (*>&1).
    #>
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    $ErrorActionPreference = 'Continue'
    $all = [System.Collections.Generic.List[object]]::new(); $terminating = $null
    try {
        & $ScriptBlock *>&1 | ForEach-Object { $all.Add($_) }
    }
    catch {
        $terminating = $_
    }
    [pscustomobject]@{
        Output      = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.VerboseRecord] -and
                $_ -isnot [System.Management.Automation.WarningRecord] -and $_ -isnot [System.Management.Automation.DebugRecord] -and
                $_ -isnot [System.Management.Automation.InformationRecord] })
        Errors      = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        Verbose     = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        Warnings    = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message)
        Debug       = @($all | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
        Terminating = $terminating
        All         = $all.ToArray()
    }
}

function Get-ThrownError {
    <# Runs the script block with -ErrorAction Stop semantics and returns the ErrorRecord it threw (fails when it did not throw). #>
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    try {
        $null = & $ScriptBlock
    }
    catch {
        return $_
    }
    throw 'Expected the command to fail, but it succeeded.'
}

function New-TestCertificate {
    <# A throwaway self-signed server certificate for 127.0.0.1/localhost: writes server.pfx and server.pem to $Directory. #>
    param([Parameter(Mandatory)] [string] $Directory, [string] $Password = 'pfx-password-1')
    $key = [System.Security.Cryptography.RSA]::Create(2048)
    try {
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new(
            'CN=ConnectTools test emulator', $key, [System.Security.Cryptography.HashAlgorithmName]::SHA256,
            [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $san = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
        $san.AddIpAddress([System.Net.IPAddress]::Loopback)
        $san.AddDnsName('localhost')
        $request.CertificateExtensions.Add($san.Build())
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($false, $false, 0, $true))
        $usage = [System.Security.Cryptography.X509Certificates.X509KeyUsageFlags]::DigitalSignature -bor [System.Security.Cryptography.X509Certificates.X509KeyUsageFlags]::KeyEncipherment
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509KeyUsageExtension]::new($usage, $true))
        $eku = [System.Security.Cryptography.OidCollection]::new()
        $null = $eku.Add([System.Security.Cryptography.Oid]::new('1.3.6.1.5.5.7.3.1'))
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($eku, $false))
        $now = [DateTimeOffset]::UtcNow
        $cert = $request.CreateSelfSigned($now.AddMinutes(-5), $now.AddDays(2))
        $pfx = Join-Path $Directory 'server.pfx'
        $pem = Join-Path $Directory 'server.pem'
        [IO.File]::WriteAllBytes($pfx, $cert.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx, $Password))
        [IO.File]::WriteAllText($pem, $cert.ExportCertificatePem() + "`n")
        [pscustomobject]@{ Pfx = $pfx; Pem = $pem; Password = $Password; Thumbprint = $cert.Thumbprint }
    }
    finally {
        $key.Dispose()
    }
}

function Get-OtherAwsSdkCore {
    <#
    The path of a real AWSSDK.Core of another build than ConnectTools' own, as AWS Tools for PowerShell ships it:
    v4 (AWSSDK.Core 3.7.x, assembly 3.3.0.0) or v5 (4.0.x, assembly 4.0.0.0). Staged from NuGet by the module test
    project into $env:CONNECTTOOLS_TEST_SDKS.
    #>
    param([Parameter(Mandatory)] [ValidateSet('v4', 'v5')] [string] $Line)
    if ([string]::IsNullOrEmpty($env:CONNECTTOOLS_TEST_SDKS)) { throw 'CONNECTTOOLS_TEST_SDKS is not set: run the suite through tests/ConnectTools.Module.Tests, or set it to its bin/<config>/net10.0/AwsSdkCore folder.' }
    $path = Join-Path $env:CONNECTTOOLS_TEST_SDKS "$Line/AWSSDK.Core.dll"
    if (-not (Test-Path -LiteralPath $path)) { throw "No AWSSDK.Core staged at $path (the StagePester target of tests/ConnectTools.Module.Tests copies it)." }
    $path
}

function Add-StoredCredentialType {
    <#
    Defines a stand-in for AWS.Tools.Common's Amazon.PowerShell.Common.AWSPSCredentials, what Set-AWSCredential stores
    in $StoredAWSCredentials, with its credentials in a NON-public property as in the real module. Once per session.
    #>
    if ('Amazon.PowerShell.Common.AWSPSCredentials' -as [type]) { return }
    $null = [System.Reflection.Assembly]::LoadFrom((Get-OtherAwsSdkCore v5))   # AWS Tools' copy, as AWS.Tools.Common loads it
    Add-Type -ReferencedAssemblies (Get-OtherAwsSdkCore v5), 'System.Runtime', 'netstandard' -TypeDefinition @'
namespace Amazon.PowerShell.Common
{
    public sealed class AWSPSCredentials
    {
        public AWSPSCredentials(Amazon.Runtime.AWSCredentials credentials, string name) { Credentials = credentials; Name = name; }
        internal Amazon.Runtime.AWSCredentials Credentials { get; private set; }
        public string Name { get; private set; }
    }
}
'@
}
