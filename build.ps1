#Requires -Version 5.1
<#
.SYNOPSIS
    Builds the ConnectTools module into out/ConnectTools/<version>/, and optionally tests it or runs a demo.
.DESCRIPTION
    The build is one `dotnet publish` of src/ConnectTools: it compiles the assemblies, generates the MAML help and
    assembles the module folder (manifest with the version stamped, format file, assemblies, en-US help).
    -Test then runs every test: `dotnet test ConnectTools.sln`, whose module suite runs the Pester tests
    (tests/*.Tests.ps1) in a child pwsh against the built module.
    -Demo builds the Connect emulator, starts it on loopback, and runs Get-ConnectInstance and Get-ConnectUser against
    it in a child pwsh, so the module can be tried without an AWS account. The emulator is stopped when the demo ends,
    whether it succeeds, fails or is stopped with Ctrl+C (and it stops by itself if this process dies).
    On a machine with only the .NET SDK:  dotnet tool restore && dotnet pwsh ./build.ps1 -Demo
.EXAMPLE
    dotnet pwsh ./build.ps1
.EXAMPLE
    dotnet pwsh ./build.ps1 -Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Demo
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Run every test (xunit and Pester) after building.
    [switch] $Test,

    # Start the emulator and run the module against it after building.
    [switch] $Demo
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Invoke-Dotnet {
    # Runs dotnet with the arguments, its output shown; throws with the command line when it fails.
    param([Parameter(Mandatory)] [string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Start-DemoEmulator {
    # Starts the built emulator directly (no `dotnet run` in between, so the process we hold is the emulator itself),
    # with --parent-pid so it stops when this process ends, and returns @{ Process; Url } once it prints its URL.
    param([Parameter(Mandatory)] [string] $Dll)
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $psi.Arguments = "`"$Dll`" --port 0 --users 40 --instances 2 --quiet --parent-pid $PID"
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($psi)
    $null = $process.StandardError.ReadToEndAsync()
    $first = $process.StandardOutput.ReadLineAsync()
    if (-not $first.Wait([TimeSpan]::FromMinutes(2)) -or $null -eq $first.Result) {
        Stop-DemoEmulator $process
        throw 'The emulator printed no URL within 2 minutes.'
    }
    if ($first.Result -notmatch 'listening on (http\S+)') {
        Stop-DemoEmulator $process
        throw "The emulator did not start: $($first.Result)"
    }
    # Keep draining its output so it never blocks on a full pipe.
    $null = $process.StandardOutput.ReadToEndAsync()
    @{ Process = $process; Url = $Matches[1] }
}

function Stop-DemoEmulator {
    param([System.Diagnostics.Process] $Process)
    if ($null -eq $Process) { return }
    try {
        if (-not $Process.HasExited) {
            if ($PSVersionTable.PSEdition -eq 'Core') { $Process.Kill($true) } else { $Process.Kill() }
            $null = $Process.WaitForExit(10000)
        }
    }
    catch [System.InvalidOperationException] { }   # it exited between the check and the kill
    finally { $Process.Dispose() }
}

Push-Location $PSScriptRoot
$emulator = $null
$ended = $false   # stays false only when the script is stopped (Ctrl+C)
try {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        throw 'The .NET SDK (dotnet) is not on PATH. Install the .NET SDK 10 or later from https://dot.net and run ./build.ps1 again.'
    }

    Invoke-Dotnet @('publish', 'src/ConnectTools/ConnectTools.csproj', '-c', $Configuration, '-nologo')

    [xml] $props = Get-Content -Raw (Join-Path $PSScriptRoot 'Directory.Build.props')
    $version = $props.Project.PropertyGroup.ConnectToolsVersion | Where-Object { $_ } | Select-Object -First 1
    $moduleDir = Join-Path $PSScriptRoot "out/ConnectTools/$version"
    Write-Host "Module: $moduleDir"

    if ($Test) {
        Invoke-Dotnet @('test', 'ConnectTools.sln', '--logger', 'console;verbosity=normal')
    }

    if ($Demo) {
        $emulatorOut = Join-Path $PSScriptRoot 'out/emulator'
        Invoke-Dotnet @('build', 'emulator/ConnectTools.Emulator.csproj', '-c', $Configuration, '-nologo', '-v', 'quiet', '-o', $emulatorOut)
        $emulator = Start-DemoEmulator -Dll (Join-Path $emulatorOut 'ConnectTools.Emulator.dll')
        $url = $emulator.Url
        Write-Host "Emulator: $url (stopped when the demo ends)"

        # The demo runs in a child pwsh, started the way this one was (pwsh itself, or the dotnet host with pwsh.dll
        # when PowerShell runs as a dotnet tool), so it imports the module exactly as a user would.
        $pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $pwshArgs = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -notin 'pwsh', 'powershell') { $pwshArgs = @(Join-Path $PSHOME 'pwsh.dll') }
        $script = @"
`$ErrorActionPreference = 'Stop'
if (([Console]::IsOutputRedirected -or `$env:NO_COLOR) -and `$PSVersionTable.PSVersion -ge [version]'7.2') { `$PSStyle.OutputRendering = 'PlainText' }
`$env:AWS_ACCESS_KEY_ID = 'AKIDEMULATOR00000001'
`$env:AWS_SECRET_ACCESS_KEY = 'emulator-secret-key-do-not-use'
`$env:AWS_REGION = 'us-east-1'
Import-Module '$moduleDir/ConnectTools.psd1'
`$PSDefaultParameterValues['*-Connect*:EndpointUrl'] = '$url'

Write-Host '> Get-ConnectInstance | Format-Table InstanceAlias, InstanceStatus, Id'
Get-ConnectInstance | Format-Table InstanceAlias, InstanceStatus, Id | Out-String -Width 80 | ForEach-Object { Write-Host `$_.Trim() }

Write-Host ''
Write-Host '> Get-ConnectInstance | Get-ConnectUser | Select-Object -First 8 | Format-Table Username, FullName, RoutingProfileId'
Get-ConnectInstance | Get-ConnectUser | Select-Object -First 8 | Format-Table Username, FullName, RoutingProfileId | Out-String -Width 80 | ForEach-Object { Write-Host `$_.Trim() }

Write-Host ''
`$count = @(Get-ConnectInstance | Get-ConnectUser -Summary).Count
Write-Host "> (Get-ConnectInstance | Get-ConnectUser -Summary).Count"
Write-Host "`$count users in all."
"@
        & $pwsh @pwshArgs -NoProfile -NonInteractive -Command $script
        if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
    }
    $ended = $true
}
catch {
    $ended = $true
    throw
}
finally {
    if ($null -ne $emulator) { Stop-DemoEmulator $emulator.Process }
    Pop-Location
    # Stopped with Ctrl+C: a script that is stopped would otherwise end with exit code 0.
    if (-not $ended) { $host.SetShouldExit(130) }
}
