# API documentation: Doxygen over the public headers and doc/*.md, into
# $(B)/doc/html. Any warning fails the build (FAIL_ON_WARNINGS).
doc: | $(DEPS_STAMP)
	@rm -rf $(B)/doc/html && mkdir -p $(B)/doc
	doxygen doc/Doxyfile
	@echo "doc: open $(B)/doc/html/index.html"
