# Scheduled posts appear at their time without any request asking for them, and a
# schedule survives a restart of the server.
import datetime
import time
import unittest

from harness import IntegrationCase, Server, parse_added, visible_text

PATIENCE = 15  # seconds: the scheduler runs once a second


def status_of(case, post_id):
    _, out, _ = case.cli('post', 'list')
    for line in out.splitlines():
        fields = line.split('\t')
        if fields[0] == post_id:
            return fields[1]
    raise AssertionError(f'post {post_id} is not in `post list`: {out}')


def wait_for_status(case, post_id, wanted):
    deadline = time.monotonic() + PATIENCE
    while status_of(case, post_id) != wanted:
        if time.monotonic() > deadline:
            raise AssertionError(f'post {post_id} is not {wanted} after {PATIENCE} s')
        time.sleep(0.2)


class Schedule(IntegrationCase):
    @classmethod
    def prepare(cls):
        cls.create_blog('sched.test', 'Schedule blog', '--timezone', 'UTC')

    def add_scheduled(self, title, seconds_ahead):
        when = (datetime.datetime.now(datetime.timezone.utc) +
                datetime.timedelta(seconds=seconds_ahead)).strftime('%Y-%m-%dT%H:%M:%SZ')
        _, out, _ = self.cli('post', 'add', '--title', title, '--body',
                             self.body_file(f'<p>{title} body</p>'), '--date', when)
        post_id, path = parse_added(out, 'post')
        self.assertEqual(status_of(self, post_id), 'scheduled')
        return post_id, path

    def test_published_at_its_time_without_a_request(self):
        post_id, path = self.add_scheduled('Timed post', 3)
        status, _, _ = self.server.get(path, host='sched.test')
        self.assertEqual(status, 404)  # not before its time
        # No HTTP request from here on: the server's own scheduler must publish it.
        wait_for_status(self, post_id, 'published')
        status, _, body = self.server.get('/', host='sched.test')
        self.assertIn('Timed post', visible_text(body))

    def test_schedule_holds_across_a_restart(self):
        post_id, path = self.add_scheduled('After restart', 4)
        self.server.stop_and_check()
        time.sleep(5)  # its time passes while no server runs
        self.assertEqual(status_of(self, post_id), 'scheduled')
        type(self).server = Server(self.data).start()
        wait_for_status(self, post_id, 'published')
        status, _, body = self.server.get(path, host='sched.test')
        self.assertEqual(status, 200)
        self.assertIn('After restart body', visible_text(body))


if __name__ == '__main__':
    unittest.main()
