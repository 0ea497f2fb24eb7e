# HTTPS endpoints: certificate verification on by default, -CaBundle to trust a private CA or a self-signed server,
# -SkipCertificateCheck to turn verification off (with a warning).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:CertDir = Join-Path $TestDrive 'certs'
    $null = New-Item -ItemType Directory -Path $CertDir -Force
    $script:Cert = New-TestCertificate -Directory $CertDir
    $otherDir = Join-Path $TestDrive 'other'
    $null = New-Item -ItemType Directory -Path $otherDir -Force
    $script:OtherCert = New-TestCertificate -Directory $otherDir
    $script:Emu = Start-TestEmulator -Users 3 -Arguments '--active-only', '--no-quotas', '--https-cert', $Cert.Pfx, '--https-cert-password', $Cert.Password
    $script:AwsState = Enter-TestAwsEnvironment
    $script:Url = $Emu.Url
}

AfterAll {
    if ($script:AwsState) { Exit-TestAwsEnvironment $script:AwsState }
    Stop-TestEmulator $script:Emu
}

Describe 'TLS' {
    BeforeEach { Reset-EmulatorStats $Emu }

    It 'the emulator serves HTTPS' {
        $Url | Should -Match '^https://127\.0\.0\.1:\d+/$'
    }

    It 'an untrusted certificate fails with one clear ConnectTlsFailed error about the certificate' {
        $r = Invoke-Captured { Get-ConnectInstance -EndpointUrl $Url }
        $err = @($r.Errors) + @($r.Terminating | Where-Object { $_ })
        $r.Output.Count | Should -Be 0
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ConnectTlsFailed,ConnectTools.Commands.GetConnectInstanceCommand'
        $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $msg = $err[0].ToString()
        $msg | Should -Match 'TLS'
        $msg | Should -Match 'certificate'
        $msg | Should -Match '-CaBundle'
        $msg | Should -Match '-SkipCertificateCheck'
        (Get-EmulatorStats $Emu).TotalRequests | Should -Be 0 -Because 'no request gets past a failed handshake'
    }

    It '-CaBundle with the server''s PEM certificate succeeds, without a warning' {
        $r = Invoke-Captured { Get-ConnectInstance -EndpointUrl $Url -CaBundle $Cert.Pem }
        $r.Terminating | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 0
        $r.Output.InstanceId | Should -Be $Emu.Data.Instances[0].Id
        $r.Warnings.Count | Should -Be 0
        @(Get-ConnectUser -InstanceId $Emu.Data.Instances[0].Id -CaBundle $Cert.Pem -EndpointUrl $Url).Count | Should -Be 3
    }

    It '-CaBundle with another certificate still fails' {
        $r = Invoke-Captured { Get-ConnectInstance -EndpointUrl $Url -CaBundle $OtherCert.Pem }
        $err = @($r.Errors) + @($r.Terminating | Where-Object { $_ })
        $r.Output.Count | Should -Be 0
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ConnectTlsFailed,ConnectTools.Commands.GetConnectInstanceCommand'
    }

    It '-SkipCertificateCheck succeeds and warns that nothing is verified' {
        $r = Invoke-Captured { Get-ConnectInstance -EndpointUrl $Url -SkipCertificateCheck }
        $r.Terminating | Should -BeNullOrEmpty
        $r.Output.InstanceId | Should -Be $Emu.Data.Instances[0].Id
        $r.Warnings.Count | Should -Be 1
        $r.Warnings[0] | Should -Match 'not verified'
    }
}
