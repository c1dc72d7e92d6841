// XmlWriter: every value is escaped once and forbidden characters are dropped.
#include "feeds/xml_writer.h"

#include <gtest/gtest.h>

#include "sample_feed.h"

namespace samizdat::feeds {
namespace {

TEST(XmlWriterTest, EscapesTextAndAttributes) {
  XmlWriter xml;
  xml.Open("r", {{"a", "x'y\"<&>"}});
  xml.Element("t", "a & b < c > d ]]> <![CDATA[ e");
  xml.Empty("e");
  xml.Close();
  EXPECT_EQ(std::move(xml).Finish(),
            "<?xml version='1.0' encoding='UTF-8'?>"
            "<r a='x&#39;y&quot;&lt;&amp;&gt;'>"
            "<t>a &amp; b &lt; c &gt; d ]]&gt; &lt;![CDATA[ e</t><e/></r>");
}

TEST(XmlWriterTest, DropsControlCharacters) {
  XmlWriter xml;
  xml.Element("t",
              "a\x01"
              "b\x0b"
              "c\td\ne");
  const std::string doc = std::move(xml).Finish();
  EXPECT_NE(doc.find("<t>abc\td\ne</t>"), std::string::npos) << doc;
  EXPECT_TRUE(testing::XmlDoc(doc).ok());
}

}  // namespace
}  // namespace samizdat::feeds
