// XmlWriter: every value is escaped once, forbidden characters are dropped, CDATA reads
// back as the text given, and a streamed document equals the one built in memory.
#include "text/xml_writer.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <sstream>
#include <string>

namespace samizdat::text {
namespace {

using XmlDocPtr = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

XmlDocPtr Parse(const std::string& bytes) {
  return XmlDocPtr(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), "t.xml", nullptr,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
                   &xmlFreeDoc);
}

// The text content of the document's root element.
std::string RootText(const std::string& bytes) {
  XmlDocPtr doc = Parse(bytes);
  if (!doc) return "<not well-formed>";
  std::unique_ptr<xmlChar, decltype(xmlFree)> text(
      xmlNodeGetContent(xmlDocGetRootElement(doc.get())), xmlFree);
  return text ? reinterpret_cast<const char*>(text.get()) : "";
}

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
  EXPECT_EQ(RootText(doc), "abc\td\ne");
}

TEST(XmlWriterTest, CDataSplitsTheEndMarkerAndReadsBackAsGiven) {
  for (const std::string text :
       {"<p>a & b</p>", "x]]>y", "]]>", "a]]]>b]]>>c]]", "", "]", "tail]]"}) {
    XmlWriter xml;
    xml.CData("c", text);
    const std::string doc = std::move(xml).Finish();
    EXPECT_EQ(RootText(doc), text) << doc;
  }
  XmlWriter xml;
  xml.CData("c", "x]]>y\x01z");
  EXPECT_EQ(std::move(xml).Finish(),
            "<?xml version='1.0' encoding='UTF-8'?><c><![CDATA[x]]]]><![CDATA[>yz]]></c>");
}

TEST(XmlWriterTest, StreamsInChunksTheSameDocument) {
  const auto write = [](XmlWriter& xml) {
    xml.Open("r");
    for (int i = 0; i < 5000; ++i) {
      xml.Element("e", "value number " + std::to_string(i) + " & more", {{"n", "1"}});
      xml.Newline();
    }
    xml.Close();
  };
  XmlWriter in_memory;
  write(in_memory);
  const std::string expected = std::move(in_memory).Finish();
  ASSERT_GT(expected.size(), 2 * XmlWriter::kFlushBytes);

  std::ostringstream out;
  XmlWriter streamed(out);
  write(streamed);
  // Most of the document has reached the stream before the end.
  EXPECT_GE(out.str().size(), XmlWriter::kFlushBytes);
  EXPECT_LT(out.str().size(), expected.size());
  EXPECT_EQ(std::move(streamed).Finish(), "");
  EXPECT_EQ(out.str(), expected);
  EXPECT_TRUE(Parse(out.str()) != nullptr);
}

}  // namespace
}  // namespace samizdat::text
