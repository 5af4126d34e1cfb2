# A deliberately wrong vendor image: the project's v1.35.8 node image whose kubelet unit forces
# RestartAllContainersOnContainerExits off (flags override the KubeletConfiguration kind writes).
FROM inplace-e2e/node:v1.35.8
RUN echo 'KUBELET_EXTRA_ARGS=--runtime-cgroups=/system.slice/containerd.service --feature-gates=RestartAllContainersOnContainerExits=false' > /etc/default/kubelet
