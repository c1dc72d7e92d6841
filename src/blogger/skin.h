// Internal: a theme's skin variables (<Variable> in b:skin and b:template-skin CSS,
// b:variable elements) and their $(name) substitution.
//
// Thread safety: thread-compatible; built once while a theme compiles.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "blogger/value.h"
#include "core/status.h"

namespace samizdat::blogger {

class SkinVariables {
 public:
  // Collects the <Variable …/> definitions written in `css` (a b:skin's text) and
  // returns the CSS without them (and without <Group> tags), as Blogger writes it.
  // Errors: a <Variable> that does not parse or has no name: InvalidArgument.
  Result<std::string> Collect(std::string_view css);

  // Defines one variable (a b:variable element): `value` as written.
  void Define(std::string name, std::string value);

  // `css` with every $(…) replaced: $(name) (and the bare $name of Blogger's newer
  // skins, where name is defined; any other $ is left as written) by the variable's
  // value (values may refer to other variables), $(name.red) and the like by a part of it (a
  // color's red, green, blue; a font's size, family, style, weight; a background's color, image),
  // and
  // $(a + b * 2) by the arithmetic on lengths ("240px"). Errors: a name never defined
  // or arithmetic that does not parse: InvalidArgument naming it.
  Result<std::string> Substitute(std::string_view css) const;

  // A copy whose automatic variables startSide and endSide are "left" and "right", or
  // "right" and "left" when `rtl` (Blogger defines them for every skin, from the blog's
  // language direction).
  SkinVariables Directed(bool rtl) const;

  // data:skin: {vars: {body_background: "…", …}}; names have '.' as '_'; a variable of
  // type background is a map {color, image, repeat, attachment, position, isResizable}.
  Value ToValue() const;

 private:
  struct Variable {
    std::string value;  // value= when given, else default=
    std::string type;
    std::string color;  // a background's color=, what $(color) means in its value
    // Its other attributes (a font's size= and family=), what $(size) means in its value.
    std::map<std::string, std::string, std::less<>> own;
  };
  class Arithmetic;
  Result<std::string> Expand(const Variable& var, std::string_view text, int depth) const;
  // One $(…): a name, a name's property, or arithmetic on lengths.
  Result<std::string> Evaluate(std::string_view ref, int depth) const;
  Result<std::string> Lookup(std::string_view name, int depth) const;
  Result<std::string> Property(const Variable& var, const std::string& value,
                               std::string_view property, int depth) const;
  std::map<std::string, Variable, std::less<>> vars_;
};

}  // namespace samizdat::blogger
