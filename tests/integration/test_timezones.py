# A blog's IANA time zone decides its date headers, footer times and permalink months,
# whatever the server's own zone (TZ is set to a far-off zone to catch local-time use).
import unittest

from harness import IntegrationCase, main_text, visible_text


class TimeZones(IntegrationCase):
    ENV = {'TZ': 'Pacific/Kiritimati'}  # UTC+14: wrong answers if the server uses local time

    @classmethod
    def prepare(cls):
        cls.create_blog('tokyo.test', 'Tokyo blog', '--timezone', 'Asia/Tokyo')
        cls.create_blog('la.test', 'LA blog', '--timezone', 'America/Los_Angeles')
        cls.tokyo = cls.add_post('Late night in Tokyo', '<p>tokyomarker</p>',
                                 date='2022-01-15T23:30:00Z', blog='tokyo.test')
        cls.tokyo_month = cls.add_post('Month turns in Tokyo', '<p>febmarker</p>',
                                       date='2022-01-31T20:00:00Z', blog='tokyo.test')
        cls.la_dst = cls.add_post('After the clocks changed', '<p>dstmarker</p>',
                                  date='2022-03-13T10:30:00Z', blog='la.test')
        cls.la_std = cls.add_post('Before the clocks changed', '<p>stdmarker</p>',
                                  date='2022-03-13T09:30:00Z', blog='la.test')
        cls.la_local = cls.add_post('Local time input', '<p>localmarker</p>',
                                    date='2022-07-04 09:15', blog='la.test')

    def test_tokyo_date_header_and_time(self):
        self.assertTrue(self.tokyo[1].startswith('/2022/01/'), self.tokyo[1])
        text = main_text(self.get_ok(self.tokyo[1], host='tokyo.test'))
        self.assertIn('Sunday, January 16, 2022', text)
        self.assertNotIn('Saturday, January 15, 2022', text)
        self.assertIn('8:30 AM', text)

    def test_tokyo_permalink_month_is_local(self):
        self.assertTrue(self.tokyo_month[1].startswith('/2022/02/'), self.tokyo_month[1])
        text = main_text(self.get_ok(self.tokyo_month[1], host='tokyo.test'))
        self.assertIn('Tuesday, February 1, 2022', text)
        self.assertIn('5:00 AM', text)
        self.assertIn('febmarker', visible_text(self.get_ok('/2022/02/', host='tokyo.test')))

    def test_los_angeles_after_dst_change(self):
        text = main_text(self.get_ok(self.la_dst[1], host='la.test'))
        self.assertIn('Sunday, March 13, 2022', text)
        self.assertIn('3:30 AM', text)

    def test_los_angeles_before_dst_change(self):
        text = main_text(self.get_ok(self.la_std[1], host='la.test'))
        self.assertIn('1:30 AM', text)

    def test_date_without_offset_is_in_blog_zone(self):
        self.assertTrue(self.la_local[1].startswith('/2022/07/'), self.la_local[1])
        text = main_text(self.get_ok(self.la_local[1], host='la.test'))
        self.assertIn('Monday, July 4, 2022', text)
        self.assertIn('9:15 AM', text)
        rows = {r[0]: r for r in self.post_list(blog='la.test')}
        self.assertEqual(rows[self.la_local[0]][2], '2022-07-04')

    def test_home_page_groups_by_local_day(self):
        text = main_text(self.get_ok('/', host='la.test'))
        # 09:30Z and 10:30Z on March 13 are both on Sunday the 13th in Los Angeles.
        self.assertEqual(text.count('Sunday, March 13, 2022'), 1)


if __name__ == '__main__':
    unittest.main()
