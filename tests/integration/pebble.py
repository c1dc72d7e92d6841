# Debian's pebble (an RFC 8555 test CA) and pebble-challtestsrv (its DNS, answering every
# name with 127.0.0.1), started in a temporary directory on free ports for the ACME tests.
# pebble validates HTTP-01 on `http_port` and TLS-ALPN-01 on `tls_port` of 127.0.0.1:
# samizdat's plain and TLS ports.
import json
import os
import re
import shutil
import ssl
import subprocess
import tempfile
import time
import urllib.request

from harness import free_port

READY_TIMEOUT = 20


class Pebble:
    def __init__(self, http_port, tls_port, validity_seconds=None):
        self.dir = tempfile.mkdtemp(prefix='samizdat-pebble-')
        self.http_port = http_port
        self.tls_port = tls_port
        self.validity_seconds = validity_seconds
        self.port = free_port()
        self.management_port = free_port()
        self.dns_port = free_port()
        self.procs = []
        self.log_path = os.path.join(self.dir, 'pebble.log')
        # The certificate of pebble's own HTTPS API (what --acme-ca trusts).
        self.api_ca = os.path.join(self.dir, 'api.pem')
        subprocess.run(['openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt',
                        'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'api.key', '-out',
                        'api.pem', '-days', '2', '-subj', '/CN=pebble API',
                        '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
                       cwd=self.dir, check=True, capture_output=True)
        self.directory = f'https://127.0.0.1:{self.port}/dir'

    def start(self):
        config = {'pebble': {
            'listenAddress': f'127.0.0.1:{self.port}',
            'managementListenAddress': f'127.0.0.1:{self.management_port}',
            'certificate': os.path.join(self.dir, 'api.pem'),
            'privateKey': os.path.join(self.dir, 'api.key'),
            'httpPort': self.http_port,
            'tlsPort': self.tls_port,
            'ocspResponderURL': '',
            'externalAccountBindingRequired': False,
        }}
        if self.validity_seconds:
            config['pebble']['certificateValidityPeriod'] = self.validity_seconds
        with open(os.path.join(self.dir, 'pebble.json'), 'w') as f:
            json.dump(config, f)
        env = dict(os.environ, PEBBLE_VA_NOSLEEP='1')
        dns = subprocess.Popen(
            ['pebble-challtestsrv', '-dns01', f'127.0.0.1:{self.dns_port}', '-http01', '',
             '-https01', '', '-tlsalpn01', '', '-management', f'127.0.0.1:{free_port()}',
             '-defaultIPv4', '127.0.0.1', '-defaultIPv6', ''],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.dir)
        self.procs.append(dns)
        self.log = open(self.log_path, 'a')
        self.procs.append(subprocess.Popen(
            ['pebble', '-config', 'pebble.json', '-dnsserver', f'127.0.0.1:{self.dns_port}'],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=self.dir, env=env))
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            try:
                self.fetch(self.directory)
                return self
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError(f'pebble did not answer within {READY_TIMEOUT} s: '
                                         f'{self.log_text()}')
                time.sleep(0.1)

    def fetch(self, url):
        context = ssl.create_default_context(cafile=self.api_ca)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                             urllib.request.HTTPSHandler(context=context))
        with opener.open(url, timeout=10) as response:
            return response.read().decode()

    def root_context(self):
        """An ssl context trusting the root pebble issues from (its management API)."""
        root = self.fetch(f'https://127.0.0.1:{self.management_port}/roots/0')
        return ssl.create_default_context(cadata=root)

    def log_text(self):
        with open(self.log_path) as f:
            return f.read()

    def issued(self):
        """How many certificates pebble has issued."""
        return len(re.findall(r'Issued certificate serial', self.log_text()))

    def stop(self):
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        self.procs = []
        if hasattr(self, 'log'):
            self.log.close()

    def remove(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
