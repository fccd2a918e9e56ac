# lstmlab_run_time_dependency(target program): the suites of `target` run `program` (lstmlab-cli), so it
# must be built before `target` is linked - but not before `target` is compiled, which
# add_dependencies() would impose (every compile of the suite then waited for the whole engine).
function(lstmlab_run_time_dependency target program)
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS $<TARGET_FILE:${program}>)
endfunction()
